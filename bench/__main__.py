"""Run the benchmarks and print a summary; with `--save`, write bench/results.json and
bench/RESULTS.md (figures of parts not run this time are kept from the file).

`--with-api`: the API through a real server; `--with-worker`: the worker firing due timers
and escalations; `--only-worker`: that alone (the engine figures are kept);
`--with-statistics`: the rapporteur's page and the HTCDS export at 100,000 cases;
`--only-statistics`: that alone (the other figures are kept)."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import engine_bench, stats_bench, worker_bench
from bench.api_report import HEADLINE, api_markdown, meets, merge_api, targets_for

HERE = Path(__file__).parent
TARGETS = {"engine_ratio": (">=", 0.33), "state_bytes_per_case": ("<=", 8192)}


API_NOTE = (
    "The API figures (`make bench`, i.e. `python -m bench --with-api`) come from a real "
    "`uvicorn api.app:create_app --factory` (as "
    "`nrm serve` runs it: one worker, loopback, bench/diagram deployed) "
    "driven by closed-loop clients (threads, one keep-alive `http.client` connection each) "
    "of the bench process: clients, server and PostgreSQL share the same CPUs, so the "
    "figures are what one box does with everything on it. A case is 1 start and 10 completions; "
    "`api_cases_per_s` is the best of c = 1, 4, 16 and `api_ratio` divides it by "
    "that database's `raw_spiff_runs_per_s`: raw SpiffWorkflow run in 0.5 s slices "
    "alternating with 1 s chunks of every level (this machine's speed changes within "
    "seconds; the engine figures alternate their sides the same way). "
    "The inbox is the police agency's first page "
    "(`GET /tasks?limit=50`) with 1k, 10k and 100k open cases cloned from a real finished "
    "case (stages spread over its path; 40% of open tasks are police tasks); `rss_mb_100k` "
    "is the server's VmRSS after those requests. `api_ratio` cannot pass `engine_ratio`: "
    "each request is one engine step plus HTTP, the token check, loading and projecting; "
    "`server CPU ms/request` (the server's CPU time over the requests) is its whole cost, "
    "against `engine_step_p50_ms` for the step alone. Every request goes through FastAPI's "
    "own middleware, routing and dependencies; its database work (the caller, the task, the "
    "step) runs on `NRM_API_THREADS` (2) threads, never on the event loop. "
    "On PostgreSQL a completion sends about eleven statements in six round trips through "
    "psycopg, whose own Python work (tens of microseconds a statement) is about half of what "
    "a request costs the server there beyond its cost on SQLite; the server runs at about one "
    "core either way, so `api_ratio` follows `server CPU ms/request`. "
    "`http_floor_server_cpu_ms` is the server CPU "
    "per request of a FastAPI route that does nothing (bench/http_floor.py), served and "
    "driven the same way: the least a request can cost here before any of this project's "
    "work. Where the server CPU of a request went (SQLite, c = 1, older and newer code "
    "served side by side on this shared box, 2026-12-07; wall throughput meant nothing with "
    "five agents on two cores): the code with the step bypasses (0542e4a) 2.8-2.9 ms; one "
    "FastAPI path with every step and read in the thread pool (216bfca) 3.6-4.7 ms, about "
    "1,700 Python calls a request more (FastAPI's middleware, routing and dependencies; each "
    "thread-pool hop 0.2-0.3 ms here), the project's own work the same; the code of "
    "2026-12-07 in one process (`NRM_STEP_PROCESSES=0`) 3.8-5.4 ms, 3 % more calls than "
    "216bfca; with its two step hosts 6.3-7.9 ms, the server's own part 3.4 ms and the "
    "hosts' 3.4 ms. Handing a step to a host costs 0.35-0.4 ms of CPU (pickling, a pipe "
    "each way, waking the feeding thread and the host); the rest of the hosts' extra is "
    "processes taking turns on two busy cores. The engine's step: the forms' rules between "
    "fields were checked field by field on every submission (134-204 µs for a ten-field "
    "form; now 24-29 µs), and each step keeps the case's summary (about 120 Python calls)."
)


ENGINE_NOTE = (
    "`raw_spiff_runs_per_s` drives SpiffWorkflow's own `BpmnWorkflow` in memory; the engine "
    "runs cases on `NrmWorkflow` (engine/spiff/workflow.py), which finds READY and WAITING "
    "tasks from the task tables instead of walking the tree, so `engine_ratio` holds that "
    "gain too. `raw_nrm_workflow_runs_per_s` is `NrmWorkflow` in memory; "
    "`persistence_ms_per_step` is the engine's time per step beyond it (a run is a start "
    "and 10 completions, each committed), and `persistence_in_raw_steps` divides that by "
    "raw SpiffWorkflow's time per user task. Both sides run with SpiffWorkflow's "
    "`spiff.task` and `spiff.workflow` loggers at WARNING, as the engine sets them."
)


WORKER_NOTE = (
    "The worker figures (`--with-worker`, bench/worker_bench.py): `cases` cases of "
    "bench/worker/ wait on a timer; the clock passes it and `nrm worker`'s rounds "
    "(`Engine.fire_due_timers()`, 100 cases a round, one transaction per case: lock, restore "
    "the workflow, fire, save, mirror tasks and timers, audit) fire them all "
    "(`timers_fired_per_s`); then the police task each case opened passes its deadline and "
    "the rounds of `Engine.fire_due_escalations()` (100 tasks a round, one transaction per "
    "rung: lock the case, read the task and its ladder, insert the rung, audit; no workflow is "
    "loaded) tell each first rung (`escalations_per_s`). One worker process; the set-up's "
    "`setup_cases_started_per_s` is there for scale. Measured on a shared machine (two cores, "
    "other work running): they compare the databases and the two kinds of work, not runs "
    "on different days."
)
WORKER_FIGURES = (
    "cases",
    "timers_fired_per_s",
    "escalations_per_s",
    "setup_cases_started_per_s",
    "measured_at",
)


def figures_table(
    title: str, by_db: dict[str, Any], figures: tuple[str, ...], note: str
) -> list[str]:
    """A section's table: a row per figure, a column per database, then its note."""
    names = list(by_db)
    lines = ["", f"## {title}", "", "| figure | " + " | ".join(names) + " |"]
    lines.append("|---|" + "---|" * len(names))
    for key in figures:
        cells = [str(by_db[n].get(key, by_db[n].get("skipped", ""))) for n in names]
        lines.append(f"| `{key}` | " + " | ".join(cells) + " |")
    return [*lines, "", note]


def worker_markdown(worker: dict[str, Any]) -> list[str]:
    """The worker's table."""
    title = "Worker (due timers and escalations)"
    return figures_table(title, worker, WORKER_FIGURES, WORKER_NOTE)


STATS_NOTE = (
    "The statistics figures (`--with-statistics`, bench/stats_bench.py): the project's process "
    "library and `cases` generated cases (bench/population.py: facts and three tasks each, bulk "
    "inserted), the rapporteur's `GET /statistics` through the application in the bench "
    "process. `page_first_s` counts the cases (a process's first read), `page_again_s` reads "
    "the counts kept, `page_year_s` one year, `csv_figure_s` one figure's CSV, "
    "`page_after_new_case_s` the read after one more case (the counts kept, while a background "
    "thread counts again: `recount_behind_s` after the read); `export_s` builds the HTCDS "
    "file (k = 5). Target (issue 19): every read but a process's first in at most 1 s."
)
STATS_FIGURES = (
    "cases", "page_first_s", "page_again_s", "page_year_s", "csv_figure_s",
    "page_after_new_case_s", "recount_behind_s", "page_target_met", "export_s", "export_mb",
    "setup_populate_s",
    "page_first_cpu_s", "page_again_cpu_s", "page_year_cpu_s", "csv_figure_cpu_s",
    "page_after_new_case_cpu_s", "export_cpu_s", "measured_at",
)  # fmt: skip


def stats_markdown(stats: dict[str, Any]) -> list[str]:
    """The statistics table."""
    title = "Statistics (the rapporteur's page and the HTCDS export)"
    return figures_table(title, stats, STATS_FIGURES, STATS_NOTE)


def verdict(name: str, value: float) -> str:
    """`met` or `missed` against the issue's target, or empty when there is none."""
    if name not in TARGETS:
        return ""
    op, limit = TARGETS[name]
    ok = value >= limit if op == ">=" else value <= limit
    return f"{'met' if ok else 'MISSED'} (target {op} {limit})"


def markdown(results: dict[str, Any]) -> str:
    """A readable page of the figures."""
    lines = [
        "# Benchmark results",
        "",
        f"Measured {results['measured_at']} on {results['machine']} "
        f"({results['cpus']} CPUs, Python {results['python']}). Run `make bench` to "
        "measure again.",
        "",
        "## Engine (bench/diagram: 10 user tasks per run, 3 lanes, "
        "2 exclusive gateways, 10 fields per form)",
        "",
        "| figure | value | target |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{key}` | {results[key]} | {verdict(key, results[key])} |"
        for key in (
            "raw_spiff_runs_per_s",
            "engine_runs_per_s",
            "engine_ratio",
            "state_bytes_per_case",
            "engine_step_p50_ms",
            "engine_step_p99_ms",
            "raw_nrm_workflow_runs_per_s",
            "persistence_ms_per_step",
            "persistence_in_raw_steps",
        )
        if key in results
    ]
    lines += ["", ENGINE_NOTE]
    if results.get("api"):
        lines += ["", API_NOTE]
        lines += api_markdown(results["api"])
    if results.get("worker"):
        lines += worker_markdown(results["worker"])
    if results.get("statistics"):
        lines += stats_markdown(results["statistics"])
    return "\n".join(lines) + "\n"


def main() -> None:
    """Measure; write the results only with `--save`."""
    seconds = float(os.environ.get("NRM_BENCH_SECONDS", "5"))
    args = set(sys.argv[1:])
    previous = HERE / "results.json"
    old = json.loads(previous.read_text()) if previous.exists() else {}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    results: dict[str, Any]
    only = args & {"--only-worker", "--only-statistics"}
    if only:  # the engine figures of the file stay as they were
        results = {k: v for k, v in old.items() if k not in ("api", "worker", "statistics")}
    else:
        results = {
            "measured_at": now,
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        }
        results.update(engine_bench.run(seconds))
    new: dict[str, Any] = {}
    if "--with-api" in args and not only:
        from bench import api_bench

        new = api_bench.run(seconds)
    if api := merge_api(old, new):
        results["api"] = api
    worker = old.get("worker")
    if args & {"--with-worker", "--only-worker"}:
        worker = {db: {**f, "measured_at": now} for db, f in worker_bench.run().items()}
    if worker:
        results["worker"] = worker
    stats = old.get("statistics")
    if args & {"--with-statistics", "--only-statistics"}:
        measured = {db: {**f, "measured_at": now} for db, f in stats_bench.run().items()}
        stats = {**(stats or {}), **measured}
    if stats:
        results["statistics"] = stats
    if "--save" in args:
        previous.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        (HERE / "RESULTS.md").write_text(markdown(results), encoding="utf-8")
    else:
        print("(not saved: add --save to write bench/results.json and bench/RESULTS.md)")
    for key, value in results.items():
        if key not in ("api", "worker", "statistics"):
            print(
                f"{key:28} {value} {verdict(key, value) if isinstance(value, int | float) else ''}"
            )
    for db, figures in (results.get("api") or {}).items():
        for key in HEADLINE:
            if key in figures:
                verdict_text = meets(key, figures[key], targets_for(db))
                print(f"api/{db:10} {key:24} {figures[key]} {verdict_text}")


if __name__ == "__main__":
    main()
