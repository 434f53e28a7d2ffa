"""The multi-process bench's exactly-once check catches a completion or a timer applied twice
(or not at all), and its table renders."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import api_multi
from bench.__main__ import markdown
from bench.api_report import MULTI
from bench.api_server import DIAGRAM
from bench.engine_bench import form_data
from engine import audit
from engine.config import load_settings
from engine.db import make_engine, write_session
from engine.facade import Engine
from engine.migrate import upgrade
from engine.sources import read_paths
from engine.spiff.clock import FakeClock

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


def test_the_check_catches_what_was_applied_twice_or_not_at_all(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/multi.db"
    db = make_engine(url)
    upgrade(db)
    clock = FakeClock(NOW)
    engine = Engine(db, settings=replace(load_settings({}), database_url=url), clock=clock)
    engine.deploy(read_paths([DIAGRAM, api_multi.TIMER_DIAGRAM]), deployed_by="test")
    task = engine.start_case("bench_case", {}, agency="police", actor="t").case.open_tasks[0]
    engine.complete_task(task.id, form_data(task.bpmn_id, 1), actor="t", agency=task.agency)
    timer_case = engine.start_case("bench_timer", {}, agency="police", actor="t").case.id
    clock.set(NOW + timedelta(hours=2))
    assert engine.fire_due_timers() == [timer_case]

    assert api_multi.applied_once(db, [task.id], [timer_case])["exactly_once"]
    never_completed = api_multi.applied_once(db, [task.id, "not-a-task"], [timer_case])
    assert never_completed["completions_missing"] == 1 and not never_completed["exactly_once"]

    with write_session(db) as session:  # the same completion and timer applied once more
        for action, task_id, case_id in (
            ("task.completed", task.id, task.case_id),
            ("timer.fired", None, timer_case),
        ):
            audit.record(
                session, at=NOW, actor="t", action=action, case_id=case_id, task_id=task_id
            )
        session.commit()
    twice = api_multi.applied_once(db, [task.id], [timer_case])
    assert twice["completions_applied_twice"] == 1
    assert twice["timers_fired_twice"] == 1
    assert not twice["exactly_once"]
    db.dispose()


def test_the_multi_process_table_renders_the_check() -> None:
    level = {
        "cases_per_s": 3.5,
        "completions_per_s": 35.0,
        "requests": 400,
        "p50_ms": 40,
        "p95_ms": 80,
        "p99_ms": 120,
        "errors": 0,
        "server_cpu_ms_per_request": 9.1,
        "completions_acknowledged": 360,
        "completions_missing": 0,
        "completions_applied_twice": 0,
        "timers_seeded": 200,
        "timers_unfired": 0,
        "timers_fired_twice": 0,
        "nrm_worker_cpu_s": 4.2,
    }
    multi = {"api_cases_per_s": 3.5, "exactly_once": True, "levels": {"2": level}}
    page = markdown(
        {
            "measured_at": "now",
            "machine": "x",
            "cpus": 2,
            "python": "3.11",
            "api": {MULTI: multi},
        }  # fmt: skip
    )
    assert "## API over HTTP (postgresql: 2 and 4 uvicorn processes, two nrm workers)" in page
    assert "| `exactly_once` | True |  |" in page
    row = "| 2 | 3.5 | 35.0 | 400 | 40 | 80 | 120 | 0 | 9.1 | 360 | 0 | 0 | 200 | 0 | 0 | 4.2 |"
    assert row in page
