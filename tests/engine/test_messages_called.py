"""A parent's interrupting event sub-process cancels the processes it called: what was
recorded inside them stays in the case data, as a completed call activity would return it
(wd_case -> wd_help -> wd_return, like nrm_case -> case_help -> repatriation)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import Session, select

from engine.facade import Engine
from engine.models import AuditEvent, HumanTask
from tests.conftest import fresh

FILES = (
    "wd_case.bpmn",
    "wd_help.bpmn",
    "wd_return.bpmn",
    "wd_side.bpmn",
    "wd_plan.schema.json",
    "wd_reflection.schema.json",
    "msg_withdrawal.schema.json",
    "simple_note.schema.json",
)
WITHDRAWN = {"withdrawn_on": "2026-01-05"}


@pytest.fixture
def engine(make_test_engine: Callable[..., Engine]) -> Engine:
    return make_test_engine(*FILES, folder="messages")


def complete(engine: Engine, case_id: str, name: str, data: dict[str, str]) -> None:
    task_id = next(t.id for t in engine.case_tasks(case_id) if t.name == name)
    engine.complete_task(task_id, data, actor="n1", agency="ngo")


def open_names(engine: Engine, case_id: str) -> list[str]:
    return sorted(t.name for t in engine.case_tasks(case_id))


def started_in_return(engine: Engine) -> str:
    """A case waiting on 'Organise the return' two called processes deep, with the help plan
    and the reflection period recorded inside them."""
    case_id = engine.start_case("wd_case", {"pseudonym": "Aigul"}, agency="social", actor="s1")
    case_id = case_id.case.id
    complete(engine, case_id, "Plan the help", {"help_plan": "return home"})
    complete(
        engine, case_id, "Record the reflection period", {"return_reflection_ends": "2026-02-01"}
    )
    assert open_names(engine, case_id) == ["Organise the return"]
    return case_id


def test_a_withdrawal_in_the_case_keeps_what_the_called_processes_recorded(
    engine: Engine,
) -> None:
    case_id = started_in_return(engine)
    fresh(engine).deliver_message(
        case_id, "consent_withdrawn", WITHDRAWN, actor="s1", agency="social"
    )
    again = fresh(engine)
    assert open_names(again, case_id) == ["Record the withdrawal"]
    record = next(t.id for t in again.case_tasks(case_id) if t.name == "Record the withdrawal")
    seen = again.task_data(case_id, record)
    assert seen["return_reflection_ends"] == "2026-02-01"
    assert seen["help_plan"] == "return home"
    assert seen["withdrawn_on"] == "2026-01-05"
    assert again.get_case(case_id).data["return_reflection_ends"] == "2026-02-01"
    again.complete_task(record, {"note": "she left"}, actor="s1", agency="social")
    closed = fresh(engine).get_case(case_id)
    assert closed.status == "completed"
    assert closed.data["return_reflection_ends"] == "2026-02-01"
    assert closed.data["help_plan"] == "return home"
    assert closed.data["note"] == "she left"


def test_a_withdrawal_before_anything_is_recorded_in_the_inner_process(engine: Engine) -> None:
    case_id = engine.start_case(
        "wd_case", {"pseudonym": "Aigul"}, agency="social", actor="s1"
    ).case.id
    complete(engine, case_id, "Plan the help", {"help_plan": "shelter"})
    assert open_names(engine, case_id) == ["Record the reflection period"]
    engine.deliver_message(case_id, "consent_withdrawn", WITHDRAWN, actor="s1", agency="social")
    data = fresh(engine).get_case(case_id).data
    assert (data["help_plan"], data["pseudonym"]) == ("shelter", "Aigul")
    assert "return_reflection_ends" not in data


def test_the_trail_still_shows_the_cancelled_work_and_the_withdrawal(engine: Engine) -> None:
    case_id = started_in_return(engine)
    engine.deliver_message(case_id, "consent_withdrawn", WITHDRAWN, actor="s1", agency="social")
    with Session(engine.db) as session:
        rows = session.exec(select(HumanTask).where(HumanTask.case_id == case_id)).all()
        statuses = {r.name: r.status for r in rows}
        actions = [
            e.action
            for e in session.exec(select(AuditEvent).where(AuditEvent.case_id == case_id)).all()
        ]
    assert statuses == {
        "Plan the help": "completed",
        "Record the reflection period": "completed",
        "Organise the return": "cancelled",
        "Record the withdrawal": "ready",
    }
    assert actions.count("message.delivered") == 1
    # the answers given inside the called process stay as they were sent
    done = next(
        t.id
        for t in engine.case_tasks(case_id, status="completed")
        if t.name == "Record the reflection period"
    )
    answers = engine.completed_task_data(case_id, [done])[done]
    assert answers["return_reflection_ends"] == "2026-02-01"
    assert "withdrawn_on" not in answers


def test_a_newer_value_from_a_branch_beside_the_call_is_not_replaced(engine: Engine) -> None:
    # the called process holds the plan it was called with; the case changed it beside it
    case_id = engine.start_case(
        "wd_side", {"pseudonym": "Aigul"}, agency="social", actor="s1"
    ).case.id
    plan = next(t.id for t in engine.case_tasks(case_id) if t.name == "Plan the help")
    engine.complete_task(plan, {"help_plan": "shelter"}, actor="s1", agency="social")
    assert open_names(engine, case_id) == ["Change the plan", "Record the reflection period"]
    complete(
        engine, case_id, "Record the reflection period", {"return_reflection_ends": "2026-02-01"}
    )
    change = next(t.id for t in engine.case_tasks(case_id) if t.name == "Change the plan")
    engine.complete_task(change, {"help_plan": "return home"}, actor="s1", agency="social")
    engine.deliver_message(case_id, "consent_withdrawn", WITHDRAWN, actor="s1", agency="social")
    data = fresh(engine).get_case(case_id).data
    assert (data["help_plan"], data["return_reflection_ends"]) == ("return home", "2026-02-01")


def test_a_value_the_case_was_reported_with_and_the_called_process_changed_is_kept(
    engine: Engine,
) -> None:
    # the report's value (the case's first data) does not come back over the newer one
    case_id = engine.start_case(
        "wd_case",
        {"pseudonym": "Aigul", "return_reflection_ends": "2026-01-20"},
        agency="social",
        actor="s1",
    ).case.id
    complete(engine, case_id, "Plan the help", {"help_plan": "return home"})
    complete(
        engine, case_id, "Record the reflection period", {"return_reflection_ends": "2026-02-01"}
    )
    engine.deliver_message(case_id, "consent_withdrawn", WITHDRAWN, actor="s1", agency="social")
    again = fresh(engine)
    record = next(t.id for t in again.case_tasks(case_id) if t.name == "Record the withdrawal")
    assert again.task_data(case_id, record)["return_reflection_ends"] == "2026-02-01"
    again.complete_task(record, {}, actor="s1", agency="social")
    assert fresh(engine).get_case(case_id).data["return_reflection_ends"] == "2026-02-01"
