"""API benchmark (issue 4): the bench diagram's full case path over HTTP on loopback, against
a real uvicorn (one worker) on SQLite, then PostgreSQL; and the agency inbox at 1k, 10k and
100k open cases. Clients and server share this machine's CPUs (see bench/RESULTS.md)."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from functools import partial
from pathlib import Path
from typing import Any

from bench import api_inbox, api_load, api_server, http_floor
from bench.api_report import MULTI, headline
from bench.engine_bench import RawSpiff
from engine.db import make_engine

CLIENTS = (1, 4, 16)
# Each level runs in chunks, with a slice of raw SpiffWorkflow after each (see load_levels).
CHUNKS = 5
RAW_SLICE_S = 0.5
INBOX_SIZES = (1_000, 10_000, 100_000)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process and its live children (the server's step hosts,
    api/stephosts.py) have used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # ended meanwhile
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / 100
    return own + sum(cpu_seconds(child) for child in _children(pid))


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def load_levels(
    server: api_server.Server, seconds: float, raw: RawSpiff
) -> dict[int, dict[str, Any]]:
    """Closed-loop figures per client count, with the server's CPU per request.

    `raw` (SpiffWorkflow in memory) runs a slice before the first level and after each chunk
    of every level: this machine's speed changes within seconds, by more than the margins
    measured here, so both sides are measured in alternating slices, as the engine bench
    does, and the ratio divides figures of the same minutes."""
    levels: dict[int, dict[str, Any]] = {}
    pid = server.process.pid
    raw.run_for(RAW_SLICE_S)
    for clients in CLIENTS:
        figures = api_load.run_level(
            server.url,
            clients,
            seconds,
            partial(cpu_seconds, pid),
            chunks=CHUNKS,
            between=partial(raw.run_for, RAW_SLICE_S),
        )
        used = figures.pop("probe")
        figures["server_cpu_ms_per_request"] = round(1000 * used / max(figures["requests"], 1), 2)
        levels[clients] = figures
        print(f"  c={clients:<3} {figures}", flush=True)
    return levels


def measure(database_url: str, seconds: float, log: Path) -> dict[str, Any]:
    """Every API figure on one database."""
    t0 = time.perf_counter()
    alongside = RawSpiff()
    with api_server.running(database_url, log) as server:
        levels = load_levels(server, seconds, alongside)
        db = make_engine(database_url)
        try:
            inbox = api_inbox.run_sizes(db, server.url, INBOX_SIZES, seconds)
        finally:
            db.dispose()
        rss, peak = server.rss_mb(), server.peak_rss_mb()
    for size, figures in inbox.items():
        print(f"  inbox {size:>7} {figures}", flush=True)
    raw = alongside.runs / alongside.elapsed
    print(f"  raw SpiffWorkflow alongside: {raw:.1f} runs/s", flush=True)
    return {
        **headline(levels, inbox, raw_runs_per_s=raw, rss_mb=rss),
        "completions_per_s": max(level["completions_per_s"] for level in levels.values()),
        "peak_rss_mb": round(peak, 1),
        "raw_spiff_runs_per_s": round(raw, 1),
        "wall_s": round(time.perf_counter() - t0, 1),
        "levels": {str(c): f for c, f in levels.items()},
        "inbox": {str(size): f for size, f in inbox.items()},
    }


def databases() -> Iterator[tuple[str, Callable[[], AbstractContextManager[str]], str | None]]:
    """(name, private database factory, why it is skipped or None)."""
    yield "sqlite", api_server.sqlite_database, None
    yield "postgresql", api_server.postgres_database, api_server.postgres_available()


def run(seconds: float = 5.0) -> dict[str, Any]:
    """The `api` figures for bench/results.json: {"sqlite": {...}, "postgresql": {...},
    "postgresql_multi": {...}} (bench/api_multi.py)."""
    floor = http_floor.measure(seconds)
    print(f"http floor: {floor}", flush=True)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="nrm-bench-logs-") as logs:
        for name, database, skipped in databases():
            if skipped:
                print(f"api/{name}: skipped: {skipped}", flush=True)
                results[name] = {"skipped": skipped}
                continue
            print(f"api/{name}:", flush=True)
            with database() as url:
                results[name] = measure(url, seconds, Path(logs) / f"{name}.log")
                results[name].update(floor)
    from bench import api_multi  # it builds on this module

    print(f"api/{MULTI}:", flush=True)
    results[MULTI] = api_multi.run(seconds)
    return results
