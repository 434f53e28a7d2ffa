"""The engine facade on small fixture diagrams: start, complete, guard, persist, audit."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlmodel import Session

from engine import store
from engine.config import Settings
from engine.errors import (
    InvalidDataError,
    TaskClaimedError,
    TaskNotReadyError,
    UnknownProcessError,
    UnknownTaskError,
    WrongAgencyError,
)
from engine.facade import Engine
from engine.models import AuditEvent, Case, HumanTask
from engine.spiff.clock import FakeClock
from engine.spiff.serializer import forget, state_text
from engine.tasklookup import all_tasks
from engine.views import StepResult

REPORT = {"pseudonym": "Aigul", "full_name": "A. B.", "age": 24}


def stored_state_roundtrips(engine: Engine, case_id: str) -> None:
    """Restore the stored state (bypassing the cache), serialise again: nothing changes."""
    with Session(engine.db) as session:
        case = session.get(Case, case_id)
        assert case is not None
        stored = store.load_state(session, case_id)
        state = stored.state
        loaded = engine.library.version(session, case.process_version_id)
    restored = engine.ctx.restore(stored, loaded)
    again = engine.ctx.serializer.dumps(restored)
    assert json.loads(state_text(again)) == json.loads(state_text(state))
    cached = engine.ctx.cache.get(case_id, case.version)
    if cached is not None:
        assert json.loads(state_text(engine.ctx.serializer.dumps(cached))) == json.loads(
            state_text(state)
        )
        # No re-used task text is stale: converting every task afresh gives the same.
        for task in all_tasks(cached):
            forget(task)
        assert json.loads(state_text(engine.ctx.serializer.dumps(cached))) == json.loads(
            state_text(state)
        )


def start_simple(engine: Engine, **data: object) -> StepResult:
    return engine.start_case("simple", {**REPORT, **data}, agency="border", actor="border")


def test_start_case_opens_first_task_in_police_lane(
    simple_engine: Engine, clock: FakeClock
) -> None:
    result = start_simple(simple_engine)
    assert result.case.status == "open"
    assert result.case.number == f"NRM-{clock.now().year}-000001"
    [task] = result.opened
    assert (task.name, task.agency, task.lane, task.form) == (
        "Indicator screening",
        "police",
        "lane_police",
        "simple_screen.schema.json",
    )
    assert task.due_at == clock.now() + timedelta(hours=24)
    assert result.case.data["reporting_agency"] == "border"
    stored_state_roundtrips(simple_engine, result.case.id)


def test_start_case_numbers_cases_in_sequence(simple_engine: Engine) -> None:
    numbers = [start_simple(simple_engine).case.number for _ in range(3)]
    assert [n[-6:] for n in numbers] == ["000001", "000002", "000003"]


def test_start_case_refuses_invalid_report_and_stores_nothing(simple_engine: Engine) -> None:
    with pytest.raises(InvalidDataError) as info:
        simple_engine.start_case(
            "simple", {"age": "old", "nickname": "x"}, agency="ngo", actor="ngo"
        )
    fields = {e.field for e in info.value.errors}
    assert fields == {"age", "nickname", "pseudonym"}
    with Session(simple_engine.db) as session:
        assert session.execute(select(func.count()).select_from(Case)).scalar_one() == 0
    # The rolled-back unit leaves nothing stale behind: the next report is accepted.
    assert start_simple(simple_engine).case.status == "open"


def test_start_case_refuses_unknown_process(simple_engine: Engine) -> None:
    with pytest.raises(UnknownProcessError):
        simple_engine.start_case("nope", {}, agency="ngo", actor="ngo")


def test_complete_task_follows_gateway_to_next_agency(simple_engine: Engine) -> None:
    case = start_simple(simple_engine).case
    screening = case.open_tasks[0]
    result = simple_engine.complete_task(
        screening.id, {"screening_result": "presumed_victim"}, actor="police", agency="police"
    )
    assert result.completed is not None and result.completed.id == screening.id
    assert [(t.name, t.agency) for t in result.opened] == [("Provide shelter", "ngo")]
    assert simple_engine.get_task(screening.id).status == "completed"
    assert simple_engine.get_task(screening.id).completed_by == "police"
    assert result.completed == simple_engine.get_task(screening.id)  # as the step left it
    assert result.case.process_version_id == simple_engine.get_case(case.id).process_version_id
    stored_state_roundtrips(simple_engine, case.id)
    shelter = result.opened[0]
    done = simple_engine.complete_task(shelter.id, {"note": "bed found"}, actor="ngo", agency="ngo")
    assert done.case.status == "completed"
    assert done.case.open_tasks == []
    stored_state_roundtrips(simple_engine, case.id)


def test_complete_task_closes_case_with_outcome_from_diagram(simple_engine: Engine) -> None:
    case = start_simple(simple_engine).case
    result = simple_engine.complete_task(
        case.open_tasks[0].id, {"screening_result": "not_victim"}, actor="police", agency="police"
    )
    assert (result.case.status, result.case.outcome) == ("completed", "not_victim")
    assert result.case.closed_at is not None
    assert simple_engine.case_tasks(case.id) == []


def test_complete_task_refuses_other_agency(simple_engine: Engine) -> None:
    task = start_simple(simple_engine).case.open_tasks[0]
    with pytest.raises(WrongAgencyError):
        simple_engine.complete_task(
            task.id, {"screening_result": "not_victim"}, actor="ngo", agency="ngo"
        )
    assert simple_engine.get_task(task.id).status == "ready"


def test_complete_task_refuses_a_task_already_done(simple_engine: Engine) -> None:
    task = start_simple(simple_engine).case.open_tasks[0]
    simple_engine.complete_task(
        task.id, {"screening_result": "presumed_victim"}, actor="police", agency="police"
    )
    with pytest.raises(TaskNotReadyError):
        simple_engine.complete_task(
            task.id, {"screening_result": "not_victim"}, actor="police", agency="police"
        )


def test_complete_task_refuses_unknown_task(simple_engine: Engine) -> None:
    with pytest.raises(UnknownTaskError):
        simple_engine.complete_task(
            "00000000-0000-0000-0000-000000000000", {}, actor="x", agency="police"
        )


def test_complete_task_with_invalid_data_changes_nothing(simple_engine: Engine) -> None:
    case = start_simple(simple_engine).case
    task = case.open_tasks[0]
    with pytest.raises(InvalidDataError) as info:
        simple_engine.complete_task(
            task.id,
            {
                "screening_result": "maybe",
                "screening_date": "yesterday",
                "referral_receiver": "police",
            },
            actor="police",
            agency="police",
        )
    assert {e.field for e in info.value.errors} == {
        "screening_result",
        "screening_date",
        "referral_receiver",
    }
    after = simple_engine.get_case(case.id)
    assert after.version == case.version
    assert [t.id for t in after.open_tasks] == [task.id]
    with Session(simple_engine.db) as session:
        actions = session.execute(select(AuditEvent.action)).scalars().all()
    assert actions == ["case.started"]


def test_call_activity_task_inherits_calling_lane(simple_engine: Engine) -> None:
    result = simple_engine.start_case("parent", {}, agency="social", actor="social")
    [task] = result.opened
    assert (task.name, task.process_id, task.lane, task.agency) == (
        "Plan services",
        "child",
        "lane_social",
        "social",
    )
    # The state with the called process open survives a save and a restore unchanged, and
    # the case goes on from the restored state.
    stored_state_roundtrips(simple_engine, result.case.id)
    simple_engine.ctx.cache.drop(result.case.id)
    done = simple_engine.complete_task(task.id, {}, actor="social", agency="social")
    assert done.case.status == "completed"
    stored_state_roundtrips(simple_engine, result.case.id)


def test_timer_fires_only_when_due_and_escalates(simple_engine: Engine, clock: FakeClock) -> None:
    case = start_simple(simple_engine).case
    clock.advance(timedelta(hours=23))
    assert simple_engine.fire_due_timers() == []
    clock.advance(timedelta(hours=2))
    assert simple_engine.fire_due_timers() == [case.id]
    tasks = {t.name: t for t in simple_engine.case_tasks(case.id)}
    assert sorted(tasks) == ["Indicator screening", "Review overdue screening"]
    # The escalation fired, the screening is still open: it stays overdue.
    assert tasks["Indicator screening"].due_at == case.open_tasks[0].due_at
    assert simple_engine.fire_due_timers() == []
    stored_state_roundtrips(simple_engine, case.id)


def test_cancel_case_closes_tasks_and_timers(simple_engine: Engine) -> None:
    case = start_simple(simple_engine).case
    result = simple_engine.cancel_case(case.id, actor="admin", agency=None, reason="duplicate")
    assert result.case.status == "cancelled"
    assert simple_engine.case_tasks(case.id) == []
    assert simple_engine.get_task(case.open_tasks[0].id).status == "cancelled"
    with Session(simple_engine.db) as session:
        timers = session.execute(text("SELECT count(*) FROM timer")).scalar_one()
    assert timers == 0


def test_audit_trail_records_each_step_and_is_append_only(simple_engine: Engine) -> None:
    case = start_simple(simple_engine).case
    simple_engine.complete_task(
        case.open_tasks[0].id, {"screening_result": "not_victim"}, actor="police", agency="police"
    )
    with Session(simple_engine.db) as session:
        events = session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().all()
        assert [(e.action, e.actor) for e in events] == [
            ("case.started", "border"),
            ("task.completed", "police"),
            ("case.completed", "police"),
        ]
        assert events[1].task_name == "Indicator screening"
        assert events[1].data_hash and len(events[1].data_hash) == 64
    with pytest.raises(Exception, match="append-only"), simple_engine.db.begin() as conn:
        conn.execute(text("UPDATE audit_event SET actor = 'someone else'"))


def test_human_task_rows_mirror_workflow(simple_engine: Engine) -> None:
    case = start_simple(simple_engine).case
    with Session(simple_engine.db) as session:
        rows = session.execute(select(HumanTask)).scalars().all()
    assert [(r.bpmn_id, r.status, r.agency) for r in rows] == [("task_screen", "ready", "police")]
    assert case.open_tasks[0].id == rows[0].id


def test_claim_task_reserves_it_for_the_claimant(simple_engine: Engine) -> None:
    task = start_simple(simple_engine).case.open_tasks[0]
    claimed = simple_engine.claim_task(task.id, actor="police", agency="police")
    assert claimed.claimed_by == "police"
    with pytest.raises(TaskClaimedError):
        simple_engine.complete_task(
            task.id, {"screening_result": "not_victim"}, actor="police_2", agency="police"
        )
    with pytest.raises(TaskClaimedError):
        simple_engine.claim_task(task.id, actor="police_2", agency="police")
    with pytest.raises(WrongAgencyError):
        simple_engine.claim_task(task.id, actor="ngo", agency="ngo")
    result = simple_engine.complete_task(
        task.id,
        {"screening_result": "not_victim"},
        actor="police_2",
        agency="police",
        override_claim=True,
    )
    assert result.case.status == "completed"


def test_release_task_returns_it_to_the_inbox(simple_engine: Engine) -> None:
    task = start_simple(simple_engine).case.open_tasks[0]
    simple_engine.claim_task(task.id, actor="police", agency="police")
    with pytest.raises(TaskClaimedError):
        simple_engine.release_task(task.id, actor="police_2", agency="police")
    released = simple_engine.release_task(task.id, actor="police", agency="police")
    assert released.claimed_by is None
    simple_engine.complete_task(
        task.id, {"screening_result": "not_victim"}, actor="police_2", agency="police"
    )


def test_case_path_names_the_flows_a_case_took(simple_engine: Engine) -> None:
    case = start_simple(simple_engine).case
    path = simple_engine.case_path(case.id)
    assert path.flows == {("simple", "f_start")}
    assert ("simple", "task_screen") in path.open
    simple_engine.complete_task(
        case.open_tasks[0].id, {"screening_result": "not_victim"}, actor="police", agency="police"
    )
    path = simple_engine.case_path(case.id)
    assert path.flows == {
        ("simple", f) for f in ("f_start", "f_screen", "f_not_victim", "f_outcome")
    }
    assert ("simple", "task_shelter") not in path.completed


def test_case_path_follows_flows_into_called_process(simple_engine: Engine) -> None:
    result = simple_engine.start_case("parent", {}, agency="social", actor="social")
    simple_engine.complete_task(result.opened[0].id, {}, actor="social", agency="social")
    flows = simple_engine.case_path(result.case.id).flows
    assert flows == {("parent", "pf1"), ("parent", "pf2"), ("child", "cf1"), ("child", "cf2")}


def test_purge_flag_removes_identity_from_every_stored_copy(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = make_test_engine("purge.bpmn", "simple_report.schema.json", "simple_note.schema.json")
    started = engine.start_case(
        "purge", {"pseudonym": "A", "full_name": "Jyldyz K.", "age": 30}, agency="ngo", actor="ngo"
    )
    done = engine.complete_task(
        started.opened[0].id, {"note": "refused"}, actor="ngo", agency="ngo"
    )
    assert done.case.outcome == "anonymous_notification"
    assert "full_name" not in done.case.data and done.case.data["pseudonym"] == "A"
    with Session(engine.db) as session:
        state = session.execute(select(Case.state)).scalar_one()
        actions = session.execute(select(AuditEvent.action)).scalars().all()
    assert b"Jyldyz" not in state_text(state)
    assert "case.personal_data_purged" in actions


def test_processes_lists_newest_versions(simple_engine: Engine) -> None:
    listed = [(p.process_id, p.version) for p in simple_engine.processes()]
    assert listed == [("child", 1), ("parent", 1), ("simple", 1)]


def test_forms_of_start_and_task_come_from_the_case_version(simple_engine: Engine) -> None:
    start_form = simple_engine.start_form("simple")
    assert start_form is not None and start_form["title"] == "Report"
    task = start_simple(simple_engine).case.open_tasks[0]
    form = simple_engine.task_form(task.id)
    assert form is not None and "screening_result" in form["properties"]
    assert simple_engine.start_form("parent") is None


def test_next_timer_is_the_earliest_deadline(simple_engine: Engine, clock: FakeClock) -> None:
    assert simple_engine.next_timer() is None
    first = start_simple(simple_engine).case.id
    clock.advance(timedelta(hours=1))
    start_simple(simple_engine)
    assert simple_engine.next_timer() == clock.now() + timedelta(hours=23)
    assert simple_engine.next_timer([first]) == clock.now() + timedelta(hours=23)


def test_deploy_library_deploys_the_folders_once(
    make_test_engine: Callable[..., Engine], settings: Settings
) -> None:
    engine = make_test_engine()
    first = engine.deploy_library(deployed_by="test")
    assert first.created and {v.process_id for v in first.new_versions} >= {"nrm_case", "referral"}
    again = engine.deploy_library(deployed_by="test")
    assert not again.created and again.new_versions == ()


def test_only_open_cases_keep_a_live_workflow_in_the_cache(simple_engine: Engine) -> None:
    """A closed case takes no more steps: its workflow leaves the cache (and a read of it
    does not put it back), so a busy server does not hold finished workflows."""
    case = start_simple(simple_engine).case
    version = simple_engine.get_case(case.id).version
    assert simple_engine.ctx.cache.get(case.id, version) is not None  # open: kept
    simple_engine.cancel_case(case.id, actor="admin", agency=None, reason="duplicate")
    closed = simple_engine.get_case(case.id)
    assert closed.status == "cancelled"
    assert simple_engine.ctx.cache.get(case.id, closed.version) is None
    stored_state_roundtrips(simple_engine, case.id)


def test_case_ids_are_uuid7_ordered_by_time(simple_engine: Engine) -> None:
    """Case ids sort by creation time (RFC 9562 version 7), so a case's index entries sit with
    those of cases made about the same time."""
    import time
    import uuid

    from engine.cases import time_ordered_id

    first = time_ordered_id()
    time.sleep(0.002)
    second = start_simple(simple_engine).case.id
    parsed = uuid.UUID(second)
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert first < second
    assert len({time_ordered_id() for _ in range(1000)}) == 1000
