"""Run the benchmarks, write bench/results.json and bench/RESULTS.md, print a summary."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import engine_bench

HERE = Path(__file__).parent
TARGETS = {"engine_ratio": (">=", 0.33), "state_bytes_per_case": ("<=", 8192)}


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
        )
    ]
    for db, figures in (results.get("api") or {}).items():
        lines += ["", f"## API over HTTP ({db})", "", "| figure | value |", "|---|---|"]
        lines += [f"| `{k}` | {v} |" for k, v in figures.items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Measure and write the results."""
    seconds = float(os.environ.get("NRM_BENCH_SECONDS", "5"))
    results: dict[str, Any] = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }
    results.update(engine_bench.run(seconds))
    previous = HERE / "results.json"
    if previous.exists() and "api" in (old := json.loads(previous.read_text())):
        results["api"] = old["api"]
    if "--with-api" in sys.argv:
        from bench import api_bench

        results["api"] = api_bench.run(seconds)
    previous.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (HERE / "RESULTS.md").write_text(markdown(results), encoding="utf-8")
    for key, value in results.items():
        if key != "api":
            print(
                f"{key:28} {value} {verdict(key, value) if isinstance(value, int | float) else ''}"
            )


if __name__ == "__main__":
    main()
