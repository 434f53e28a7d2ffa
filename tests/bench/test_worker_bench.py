"""The worker benchmark fires every timer and tells every first rung, and its table renders."""

from __future__ import annotations

from pathlib import Path

from bench import worker_bench
from bench.__main__ import markdown


def test_the_worker_bench_fires_each_timer_and_escalation_once(tmp_path: Path) -> None:
    figures = worker_bench.measure(f"sqlite:///{tmp_path}/worker.db", 12)
    assert (figures["timers_fired"], figures["escalations_told"]) == (12, 12)
    assert figures["timers_fired_per_s"] > 0 and figures["escalations_per_s"] > 0
    page = markdown(
        {
            "measured_at": "now",
            "machine": "x",
            "cpus": 2,
            "python": "3.11",
            "worker": {"sqlite": figures, "postgresql": {"skipped": "unreachable"}},
        }
    )
    assert "## Worker (due timers and escalations)" in page
    assert f"| `timers_fired_per_s` | {figures['timers_fired_per_s']} | unreachable |" in page
