"""A case halted after a runaway step (engine/halts.py): its timers are not fired until it is
resumed, both audited; the errors a step host sends back keep their fields when pickled."""

from __future__ import annotations

import pickle
from datetime import timedelta

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from engine.cli import app
from engine.errors import FieldError, InvalidDataError, StepLimitError
from engine.facade import Engine
from engine.models import AuditEvent
from engine.spiff.clock import FakeClock


def _halted_case(engine: Engine, clock: FakeClock) -> str:
    case = engine.start_case("simple", {"pseudonym": "A"}, agency="border", actor="border").case
    clock.advance(timedelta(days=2))  # the screening timer is due
    assert engine.halt_case(
        case.id, process_id="simple", element_id="script_x", reason="ran past its limit"
    )
    return case.id


def _actions(engine: Engine, case_id: str) -> list[str]:
    with Session(engine.db) as session:
        rows = session.exec(select(AuditEvent.action).where(AuditEvent.case_id == case_id))
        return list(rows.all())


def test_a_halted_cases_timers_wait_until_it_is_resumed(
    simple_engine: Engine, clock: FakeClock
) -> None:
    case_id = _halted_case(simple_engine, clock)
    assert simple_engine.due_cases() == [] and simple_engine.fire_due_timers() == []
    assert simple_engine.resume_case(case_id, actor="admin")
    assert not simple_engine.resume_case(case_id, actor="admin")  # not halted any more
    assert simple_engine.fire_due_timers() == [case_id]
    assert _actions(simple_engine, case_id) == [
        "case.started",
        "case.halted",
        "case.resumed",
        "timer.fired",
    ]


def test_halting_a_case_that_was_never_stored_records_nothing(simple_engine: Engine) -> None:
    assert not simple_engine.halt_case(
        "01a24e58-0000-7000-8000-000000000000", process_id=None, element_id=None, reason="x"
    )


def test_nrm_cases_resume(
    simple_engine: Engine, clock: FakeClock, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = _halted_case(simple_engine, clock)
    monkeypatch.setenv("NRM_DATABASE_URL", database_url)
    result = CliRunner().invoke(app, ["cases", "resume", case_id, "--actor", "ops"])
    assert result.exit_code == 0 and "resumed" in result.output, result.output
    assert simple_engine.due_cases() == [case_id]


def test_errors_keep_their_fields_when_pickled() -> None:
    invalid = InvalidDataError("bad", [FieldError("age", "too low", "minimum", 0)], form="f")
    back = pickle.loads(pickle.dumps(invalid))
    assert type(back) is InvalidDataError and back.errors == invalid.errors
    assert back.message == "bad" and back.fields == {"form": "f"}
    limit = pickle.loads(pickle.dumps(StepLimitError("stopped", element_id="s", seconds=1.5)))
    assert limit.details() == {"element_id": "s", "seconds": 1.5} and str(limit) == "stopped"
