"""The API benchmark's pure helpers: percentiles, headline figures, merging, markdown."""

from __future__ import annotations

import pytest

from bench.__main__ import markdown
from bench.api_load import ClientStats, bpmn_id, level_figures
from bench.api_report import headline, meets, merge_api, percentile, targets_for


def test_percentile_interpolates_between_ranks() -> None:
    values = [4.0, 1.0, 3.0, 2.0]
    assert percentile(values, 0) == 1.0
    assert percentile(values, 50) == 2.5
    assert percentile(values, 100) == 4.0
    assert percentile([7.0], 99) == 7.0


def test_percentile_refuses_no_values_or_bad_rank() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_meets_compares_against_the_issue_targets() -> None:
    assert meets("api_ratio", 0.25).startswith("met")
    assert meets("api_ratio", 0.1).startswith("MISSED")
    assert meets("api_ratio", 0.1, targets_for("postgresql")) == ""  # reported, not a target
    assert meets("api_ratio", 0.1, targets_for("sqlite")).startswith("MISSED")
    assert meets("rss_mb_100k", 300).startswith("met")
    assert meets("p50_ms_c1", 3.0) == ""


def _level(cases: float, p50: float, p99: float) -> dict[str, float]:
    return {"cases_per_s": cases, "p50_ms": p50, "p99_ms": p99}


def test_headline_takes_best_throughput_and_extreme_levels() -> None:
    levels = {1: _level(10, 5, 9), 4: _level(20, 8, 20), 16: _level(18, 30, 60)}
    inbox = {1000: {"p95_ms": 10.0}, 100_000: {"p95_ms": 12.0}}
    figures = headline(levels, inbox, raw_runs_per_s=400, rss_mb=123.45)
    assert figures == {
        "api_cases_per_s": 20,
        "api_ratio": 0.05,
        "p50_ms_c1": 5,
        "p99_ms_c16": 60,
        "p99_over_p50_c16": 2.0,
        "inbox_p95_ratio_100k_1k": 1.2,
        "rss_mb_100k": 123.5,
    }


def test_merge_api_keeps_old_figures_of_a_skipped_database() -> None:
    old = {"api": {"sqlite": {"api_ratio": 0.1}, "postgresql": {"api_ratio": 0.08}}}
    new = {"sqlite": {"api_ratio": 0.2}, "postgresql": {"skipped": "no server"}}
    assert merge_api(old, new) == {
        "sqlite": {"api_ratio": 0.2},
        "postgresql": {"api_ratio": 0.08},
    }
    assert merge_api({}, new)["postgresql"] == {"skipped": "no server"}
    assert merge_api({}, {}) == {}


def test_level_figures_count_full_cases_and_pool_latencies() -> None:
    stats = [
        ClientStats(latencies_ms=[1.0, 2.0, 3.0], cases=1, completions=10),
        ClientStats(latencies_ms=[5.0], cases=0, completions=2, errors=1),
    ]
    figures = level_figures(stats, elapsed=2.0)
    assert figures["cases_per_s"] == 0.5
    assert figures["completions_per_s"] == 6.0
    assert figures["requests"] == 4
    assert figures["p50_ms"] == 2.5
    assert figures["errors"] == 1


def test_bpmn_id_reads_the_bench_form_name() -> None:
    assert bpmn_id({"form": "bench_t5a.schema.json"}) == "t5a"


def test_markdown_shows_api_verdicts_and_tables() -> None:
    results = {
        "measured_at": "2026-01-01T00:00:00+00:00",
        "machine": "x86_64",
        "cpus": 2,
        "python": "3.11.7",
        "raw_spiff_runs_per_s": 400.0,
        "engine_runs_per_s": 50.0,
        "engine_ratio": 0.125,
        "state_bytes_per_case": 2000,
        "engine_step_p50_ms": 1.5,
        "engine_step_p99_ms": 7.0,
        "api": {
            "sqlite": {
                "api_ratio": 0.25,
                "rss_mb_100k": 400.0,
                "levels": {
                    "1": {
                        **_level(10, 5, 9),
                        "completions_per_s": 100.0,
                        "requests": 110,
                        "p95_ms": 8,
                        "errors": 0,
                    }
                },
                "inbox": {
                    "1000": {
                        "agency_open_tasks": 400,
                        "requests": 50,
                        "p50_ms": 3,
                        "p95_ms": 4,
                        "p99_ms": 5,
                    }
                },
            },
            "postgresql": {"skipped": "no server"},
        },
    }
    page = markdown(results)
    assert "## API over HTTP (sqlite)" in page
    assert "| `api_ratio` | 0.25 | met (target >= 0.18) |" in page
    assert "| `rss_mb_100k` | 400.0 | MISSED (target <= 300.0) |" in page
    assert "| 1 | 10 | 100.0 | 110 | 5 | 8 | 9 | 0 |  |" in page
    assert "| 1000 | 400 | 50 | 3 | 4 | 5 |" in page
    assert "Not measured: no server" in page
