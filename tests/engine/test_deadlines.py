"""Every human task has a deadline: a boundary timer, or its `dueParameter` counted from when
it opened on the working-day calendar; validation refuses a task with neither."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine as Database

from engine.config import Settings
from engine.facade import Engine
from engine.params import DEFAULTS, PARAMETERS, UNITS, Unit
from engine.runtime import DUE_KEY
from engine.sources import read_paths
from engine.spiff.clock import FakeClock
from engine.tasklookup import all_tasks
from engine.validation import validate_files
from tests.conftest import SIMPLE, fixture_files
from tests.engine.test_cases import start_simple, stored_state_roundtrips

VALIDATION = Path(__file__).parents[1] / "fixtures" / "validation"


def utc(*args: int) -> datetime:
    """A UTC moment."""
    return datetime(*args, tzinfo=UTC)


def test_validation_refuses_a_human_task_without_a_deadline() -> None:
    report, bundle = validate_files(read_paths([VALIDATION / "deadlines.bpmn"]))
    codes = ("no-deadline", "unknown-param", "due-parameter-unit", "due-ignored")
    found = {(p.code, p.element_id, p.severity) for p in report.problems if p.code in codes}
    assert found == {
        ("no-deadline", "task_none", "error"),
        ("no-deadline", "task_manual", "error"),
        ("unknown-param", "task_unknown", "error"),
        ("due-parameter-unit", "task_no_unit", "error"),
        ("due-ignored", "task_timed", "warning"),
    }
    assert bundle is None
    lines = (VALIDATION / "deadlines.bpmn").read_text().splitlines()
    none = next(p for p in report.problems if p.code == "no-deadline")
    assert 'id="task_none"' in lines[(none.line or 0) - 1]
    assert "dueParameter" in none.fix and "boundary timer" in none.fix


def test_every_deadline_parameter_counts_in_a_unit() -> None:
    assert UNITS["identification_decision_working_days"] == Unit.WORKING_DAYS
    assert UNITS["referral_accept_hours"] == Unit.HOURS
    assert UNITS["child_notification_hours"] == Unit.HOURS
    assert DEFAULTS["child_notification_hours"] == 24
    assert "identifying_authority" not in UNITS
    for name, unit in UNITS.items():
        assert name.endswith(f"_{unit.value}") or unit == Unit.DAYS, name


def test_a_task_is_due_its_parameter_after_it_opened_and_the_date_never_moves(
    simple_engine: Engine, clock: FakeClock
) -> None:
    clock.set(utc(2025, 3, 17, 9))  # the Monday before Nooruz (Friday 21 March)
    case = start_simple(simple_engine).case
    clock.advance(timedelta(hours=25))
    simple_engine.fire_due_timers()  # the screening is late: its review opens (3 working days)
    review = next(t for t in simple_engine.case_tasks(case.id) if t.bpmn_id == "task_escalate")
    assert review.due_at == utc(2025, 3, 24, 10)  # 19, 20 and (after Nooruz) 24 March
    clock.advance(timedelta(days=1))
    screening = next(t for t in simple_engine.case_tasks(case.id) if t.bpmn_id == "task_screen")
    step = simple_engine.complete_task(
        screening.id, {"screening_result": "presumed_victim"}, actor="police", agency="police"
    )
    [shelter] = step.opened
    assert shelter.due_at == utc(2025, 3, 25, 10)  # 20, 24, 25 March
    assert simple_engine.get_task(review.id).due_at == utc(2025, 3, 24, 10)  # unchanged
    stored_state_roundtrips(simple_engine, case.id)
    simple_engine.ctx.cache.drop(case.id)  # the next step restores the stored state
    clock.advance(timedelta(days=2))
    simple_engine.complete_task(review.id, {"note": "chased"}, actor="police", agency="police")
    assert simple_engine.get_task(shelter.id).due_at == utc(2025, 3, 25, 10)


def test_the_deadline_is_kept_in_the_task_state(simple_engine: Engine, clock: FakeClock) -> None:
    clock.set(utc(2025, 3, 17, 9))
    case = start_simple(simple_engine).case
    step = simple_engine.complete_task(
        case.open_tasks[0].id,
        {"screening_result": "presumed_victim"},
        actor="police",
        agency="police",
    )
    workflow = simple_engine.ctx.cache.get(case.id, step.case.version)
    shelter = next(t for t in all_tasks(workflow) if t.task_spec.bpmn_id == "task_shelter")
    assert shelter._get_internal_data(DUE_KEY) == "2025-03-20T09:00:00+00:00"


def test_an_operator_sets_a_deadline_with_its_parameter(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    params = {**settings.params, "screening_working_days": 1}
    engine = Engine(db, settings=replace(settings, params=params), clock=clock)
    engine.deploy(fixture_files(*SIMPLE), deployed_by="test")
    clock.set(utc(2025, 3, 20, 9))  # Thursday: one working day later is Monday 24 March
    case = start_simple(engine).case
    step = engine.complete_task(
        case.open_tasks[0].id,
        {"screening_result": "presumed_victim"},
        actor="police",
        agency="police",
    )
    assert step.opened[0].due_at == utc(2025, 3, 24, 9)


def test_the_conventions_list_every_parameter_as_engine_params_defines_it() -> None:
    text = (Path(__file__).parents[2] / "docs" / "diagram-conventions.md").read_text()
    rows = re.findall(r"^\| `(\w+)` \| `?([\w]+)`? \| (\w*) \| (\w+) \|", text, re.MULTILINE)
    documented = {name: (default, unit, source) for name, default, unit, source in rows}
    assert documented == {
        p.name: (str(p.default), p.unit.value if p.unit else "", p.source) for p in PARAMETERS
    }


def test_a_version_deployed_before_deadlines_were_required_still_loads() -> None:
    files = read_paths([VALIDATION / "deadlines.bpmn"])
    report, _bundle = validate_files(files, stored=True)
    late = {(p.code, p.element_id) for p in report.warnings if p.code == "no-deadline"}
    assert late == {("no-deadline", "task_none"), ("no-deadline", "task_manual")}
    assert "no-deadline" not in {p.code for p in report.errors}
    assert "unknown-param" in {p.code for p in report.errors}  # older rules still hold
