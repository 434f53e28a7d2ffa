"""Worker benchmark: how fast the worker finds and fires due work, on SQLite and PostgreSQL.

`NRM_BENCH_WORKER_CASES` (10,000) cases of bench/worker/ wait on a timer. The clock passes
it and the worker's rounds (`Engine.fire_due_timers()`, 100 cases a round, one transaction
each: lock, restore, fire, save, mirror, audit) fire them all; each case then has one police
task, which the clock takes past its deadline, and the rounds of
`Engine.fire_due_escalations()` tell 10,000 first rungs. Figures: fired per second, and the
set-up's cases started per second for scale. One process, as `nrm worker` runs.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import api_server
from engine.config import load_settings
from engine.db import make_engine
from engine.facade import Engine
from engine.migrate import upgrade
from engine.sources import read_paths
from engine.spiff.clock import FakeClock

DIAGRAM = Path(__file__).parent / "worker"
START = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)  # a Monday with no holiday near
ROUND = 100  # cases or tasks a worker round takes (the worker's default)


def _rounds(fire: Callable[[], list[Any]]) -> tuple[int, float]:
    """Call one kind of worker round until it finds nothing; (fired, seconds)."""
    fired, t0 = 0, time.perf_counter()
    while found := fire():
        fired += len(found)
    return fired, time.perf_counter() - t0


def measure(url: str, count: int) -> dict[str, Any]:
    """The worker's figures on one (empty) database."""
    db = make_engine(url)
    upgrade(db)
    clock = FakeClock(START)
    engine = Engine(db, settings=replace(load_settings({}), database_url=url), clock=clock)
    engine.deploy(read_paths([DIAGRAM]), deployed_by="bench")
    t0 = time.perf_counter()
    for _ in range(count):
        engine.start_case("bench_timer", {}, agency="police", actor="bench")
    started = time.perf_counter() - t0
    clock.set(START + timedelta(hours=1))
    timers, timer_s = _rounds(lambda: engine.fire_due_timers(limit=ROUND))
    clock.set(START + timedelta(hours=5))  # the follow-up task is due 4 hours after it opened
    told, told_s = _rounds(lambda: engine.fire_due_escalations(limit=ROUND))
    db.dispose()
    return {
        "cases": count,
        "setup_cases_started_per_s": round(count / started, 1),
        "timers_fired": timers,
        "timers_fired_per_s": round(timers / timer_s, 1),
        "escalations_told": told,
        "escalations_per_s": round(told / told_s, 1),
    }


def databases() -> list[tuple[str, Callable[[], AbstractContextManager[str]], str | None]]:
    """(name, private database factory, why it is skipped or None), as the API bench has."""
    return [
        ("sqlite", api_server.sqlite_database, None),
        ("postgresql", api_server.postgres_database, api_server.postgres_available()),
    ]


def run() -> dict[str, Any]:
    """The worker's figures per database (a database that cannot be reached: why)."""
    count = int(os.environ.get("NRM_BENCH_WORKER_CASES", "10000"))
    results: dict[str, Any] = {}
    for name, database, skipped in databases():
        if skipped:
            results[name] = {"skipped": skipped}
            continue
        with database() as url:
            results[name] = measure(url, count)
        print(f"worker/{name}: {results[name]}", flush=True)
    return results
