"""The statistics benchmark reads the rapporteur's page and the export, and its table renders."""

from __future__ import annotations

from pathlib import Path

from bench import stats_bench
from bench.__main__ import markdown


def test_the_statistics_bench_reads_the_page_and_the_export(tmp_path: Path) -> None:
    figures = stats_bench.measure(f"sqlite:///{tmp_path}/stats.db", 30)
    assert figures["cases"] == 30 and figures["export_mb"] >= 0
    assert figures["page_first_s"] > 0 and figures["page_again_cpu_s"] >= 0
    page = markdown(
        {
            "measured_at": "now",
            "machine": "x",
            "cpus": 2,
            "python": "3.11",
            "statistics": {"sqlite": figures, "postgresql": {"skipped": "unreachable"}},
        }
    )
    assert "## Statistics (the rapporteur's page and the HTCDS export)" in page
    assert f"| `page_again_s` | {figures['page_again_s']} | unreachable |" in page
