"""Pure helpers of the API benchmark: percentiles, targets, result merging, markdown."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

# The targets for the API figures. SQLite's api_ratio is a guard (issue 21: >= 0.18 with
# ordinary routes); PostgreSQL's one-process api_ratio is reported, not a target.
API_TARGETS: dict[str, tuple[str, float]] = {
    "api_ratio": (">=", 0.18),
    "p99_over_p50_c16": ("<=", 3.0),
    "inbox_p95_ratio_100k_1k": ("<=", 1.5),
    "rss_mb_100k": ("<=", 300.0),
}
# The figures the issue names, first in every table.
HEADLINE = (
    "api_cases_per_s",
    "api_ratio",
    "p50_ms_c1",
    "p99_ms_c16",
    "p99_over_p50_c16",
    "inbox_p95_ratio_100k_1k",
    "rss_mb_100k",
)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between closest ranks."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError("q must be within 0..100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(latencies_ms: Sequence[float]) -> dict[str, float]:
    """p50, p95 and p99 of request latencies in milliseconds (rounded)."""
    return {f"p{q}_ms": round(percentile(latencies_ms, q), 2) for q in (50, 95, 99)}


REPORTED_ONLY: dict[str, frozenset[str]] = {"postgresql": frozenset({"api_ratio"})}


def targets_for(db: str) -> dict[str, tuple[str, float]]:
    """The API targets that apply to one database's figures."""
    return {k: v for k, v in API_TARGETS.items() if k not in REPORTED_ONLY.get(db, frozenset())}


def meets(name: str, value: Any, targets: Mapping[str, tuple[str, float]] = API_TARGETS) -> str:
    """`met` or `MISSED` against a target, or empty when the figure has none."""
    if name not in targets or not isinstance(value, int | float):
        return ""
    op, limit = targets[name]
    ok = value >= limit if op == ">=" else value <= limit
    return f"{'met' if ok else 'MISSED'} (target {op} {limit})"


def headline(
    levels: Mapping[int, Mapping[str, float]],
    inbox: Mapping[int, Mapping[str, float]],
    *,
    raw_runs_per_s: float,
    rss_mb: float,
) -> dict[str, float]:
    """The issue's figures from per-concurrency load results and per-size inbox results."""
    best = max(level["cases_per_s"] for level in levels.values())
    c1, c16 = levels[min(levels)], levels[max(levels)]
    small, large = inbox[min(inbox)], inbox[max(inbox)]
    return {
        "api_cases_per_s": round(best, 2),
        "api_ratio": round(best / raw_runs_per_s, 3) if raw_runs_per_s else 0.0,
        "p50_ms_c1": c1["p50_ms"],
        "p99_ms_c16": c16["p99_ms"],
        "p99_over_p50_c16": round(c16["p99_ms"] / c16["p50_ms"], 2) if c16["p50_ms"] else 0.0,
        "inbox_p95_ratio_100k_1k": round(large["p95_ms"] / small["p95_ms"], 2)
        if small["p95_ms"]
        else 0.0,
        "rss_mb_100k": round(rss_mb, 1),
    }


def merge_api(previous: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """The `api` section after a run: a database measured now replaces its old figures;
    one not measured now (skipped, e.g. no PostgreSQL server) keeps them."""
    merged = {db: dict(figures) for db, figures in (previous.get("api") or {}).items()}
    for db, figures in new.items():
        if "skipped" in figures and db in merged and "skipped" not in merged[db]:
            continue
        merged[db] = dict(figures)
    return merged


def _cell(value: Any) -> str:
    return str(value) if not isinstance(value, dict | list) else ""


def _verdict(db: str, name: str, value: Any) -> str:
    """The target cell of one figure: met, MISSED, reported (no target here) or empty."""
    if name in REPORTED_ONLY.get(db, frozenset()):
        return "reported"
    return meets(name, value, targets_for(db))


# Several server processes and workers on one PostgreSQL database (bench/api_multi.py).
MULTI = "postgresql_multi"
MULTI_TITLE = "postgresql: 2 and 4 uvicorn processes, two nrm workers"
MULTI_NOTE = (
    "`postgresql_multi` (bench/api_multi.py): per row a fresh PostgreSQL database served by "
    "`uvicorn --workers N` (each process with its step hosts) with two `nrm worker` processes "
    "beside it, `clients` closed-loop clients running bench cases, and `timers_seeded` cases "
    "of bench/worker/ whose timers are due when the load starts (the workers fire them under "
    "the load). Server CPU counts every uvicorn process and step host; the workers' CPU is "
    "apart. Afterwards every completion the server acknowledged must have one "
    "`task.completed` audit event and every timer one `timer.fired` event, one follow-up "
    "task and no timer row left: `exactly_once`. Each uvicorn process starts its step hosts "
    "in the background: on a loaded machine their start-up can fall in the time measured."
)
CHECKS = (
    "completions_acknowledged",
    "completions_missing",
    "completions_applied_twice",
    "timers_seeded",
    "timers_unfired",
    "timers_fired_twice",
    "nrm_worker_cpu_s",
)


def api_markdown(api: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Markdown lines for the `api` section: headline figures with verdicts, then detail."""
    lines: list[str] = []
    for db, figures in api.items():
        lines += ["", f"## API over HTTP ({MULTI_TITLE if db == MULTI else db})", ""]
        if "skipped" in figures:
            lines.append(f"Not measured: {figures['skipped']}")
            continue
        lines += ["| figure | value | target |", "|---|---|---|"]
        lines += [
            f"| `{k}` | {figures[k]} | {_verdict(db, k, figures[k])} |"
            for k in HEADLINE
            if k in figures
        ]
        lines += [
            f"| `{k}` | {_cell(v)} |  |"
            for k, v in figures.items()
            if k not in HEADLINE and not isinstance(v, dict | list)
        ]
        if db == MULTI:
            lines += _levels_table(figures.get("levels") or {}, "uvicorn processes", CHECKS)
            lines += ["", MULTI_NOTE]
            continue
        lines += _levels_table(figures.get("levels") or {})
        lines += _inbox_table(figures.get("inbox") or {})
    return lines


def _levels_table(
    levels: Mapping[str, Mapping[str, Any]], first: str = "clients", extra: tuple[str, ...] = ()
) -> list[str]:
    if not levels:
        return []
    lines = [
        "",
        f"| {first} | cases/s | completions/s | requests | p50 ms | p95 ms | p99 ms | errors "
        "| server CPU ms/request |" + "".join(f" `{k}` |" for k in extra),
        "|---|---|---|---|---|---|---|---|---|" + "---|" * len(extra),
    ]
    for c, f in levels.items():
        lines.append(
            f"| {c} | {f['cases_per_s']} | {f['completions_per_s']} | {f['requests']} "
            f"| {f['p50_ms']} | {f['p95_ms']} | {f['p99_ms']} | {f['errors']} "
            f"| {f.get('server_cpu_ms_per_request', '')} |"
            + "".join(f" {f.get(k, '')} |" for k in extra)
        )
    return lines


def _inbox_table(inbox: Mapping[str, Mapping[str, Any]]) -> list[str]:
    if not inbox:
        return []
    lines = [
        "",
        "| open cases | agency's open tasks | requests | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|",
    ]
    for size, f in inbox.items():
        lines.append(
            f"| {size} | {f['agency_open_tasks']} | {f['requests']} | {f['p50_ms']} "
            f"| {f['p95_ms']} | {f['p99_ms']} |"
        )
    return lines
