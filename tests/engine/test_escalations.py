"""Escalation ladders: an overdue task is told to its agency's supervisors, then to the
commission, once each, by any number of workers; the ladder stops when the task is done."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.engine import Engine as Database
from sqlmodel import Session, col

from engine.config import Settings
from engine.db import make_engine
from engine.escalations import EscalationView
from engine.facade import Engine
from engine.models import AuditEvent, Escalation
from engine.params import DECISION_LADDER, ESCALATION_LADDER, HEAD_LADDER, escalation_ladder
from engine.spiff.clock import FakeClock
from tests.engine.test_cases import start_simple

# The simple fixture's screening is due 24 hours after the report (a boundary timer): the
# report on Monday 5 January 2026 09:00 UTC makes it due Tuesday 6 January 09:00.
DUE = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
# Two Kyrgyz working days after Tuesday 6 January: the 7th is Orthodox Christmas, so
# Thursday 8 and Friday 9.
NEXT_RUNG = datetime(2026, 1, 9, 9, 0, tzinfo=UTC)


def rungs(engine: Engine, case_id: str, task_name: str) -> list[tuple[int, str, str]]:
    """(rung, agency, role) told for the case's task of that name."""
    [task] = [t for t in engine.case_tasks(case_id) if t.name == task_name] or [None]
    task_id = task.id if task else None
    return [
        (e.rung, e.agency, e.role)
        for e in engine.case_escalations(case_id)
        if task_id is None or e.task_id == task_id
    ]


def escalated_events(db: Database) -> list[AuditEvent]:
    with Session(db) as session:
        query = select(AuditEvent).where(col(AuditEvent.action) == "task.escalated")
        return list(session.execute(query.order_by(col(AuditEvent.id))).scalars())


def test_the_ladder_is_declared_once_per_kind_of_task() -> None:
    assert escalation_ladder("police", "police") == ESCALATION_LADDER
    assert escalation_ladder("identifying_authority", "police") == DECISION_LADDER
    assert escalation_ladder("decision_reviewer", "prosecutor") == DECISION_LADDER
    assert [(r.agency, r.role) for r in DECISION_LADDER] == [
        ("holder", "supervisor"),
        ("holder", "head"),
        ("commission", "supervisor"),
    ]
    assert escalation_ladder("lane_x", "commission") == HEAD_LADDER
    assert [(r.agency, r.role) for r in ESCALATION_LADDER] == [
        ("holder", "supervisor"),
        ("commission", "supervisor"),
    ]


def test_an_overdue_task_goes_to_its_supervisors_then_to_the_commission_once_each(
    simple_engine: Engine, clock: FakeClock
) -> None:
    case_id = start_simple(simple_engine).case.id
    clock.set(DUE - timedelta(seconds=1))
    assert simple_engine.fire_due_escalations() == []
    assert simple_engine.next_escalation([case_id]) == DUE
    clock.set(DUE)
    simple_engine.fire_due_timers()  # the diagram's own timer opens a review task
    [told] = simple_engine.fire_due_escalations()
    assert (told.rung, told.agency, told.role, told.next_at) == (
        1,
        "police",
        "supervisor",
        NEXT_RUNG,
    )
    assert simple_engine.fire_due_escalations() == []  # told once
    assert simple_engine.next_escalation([case_id]) == NEXT_RUNG
    clock.set(NEXT_RUNG - timedelta(seconds=1))
    assert simple_engine.fire_due_escalations() == []
    clock.set(NEXT_RUNG)
    [second] = simple_engine.fire_due_escalations()
    assert (second.rung, second.agency, second.role, second.next_at) == (
        2,
        "commission",
        "supervisor",
        None,
    )
    clock.set(NEXT_RUNG + timedelta(days=1))
    assert simple_engine.fire_due_escalations() == []  # the last rung was told
    assert rungs(simple_engine, case_id, "Indicator screening") == [
        (1, "police", "supervisor"),
        (2, "commission", "supervisor"),
    ]
    events = [e for e in escalated_events(simple_engine.db) if e.task_id == told.task_id]
    assert [(e.actor, e.task_name, e.detail["rung"], e.detail["to_agency"]) for e in events] == [
        ("system", "Indicator screening", 1, "police"),
        ("system", "Indicator screening", 2, "commission"),
    ]
    assert events[0].detail["due_at"] == DUE.isoformat()


def test_the_ladder_stops_when_the_task_is_done(simple_engine: Engine, clock: FakeClock) -> None:
    step = start_simple(simple_engine)
    clock.set(DUE)
    [told] = simple_engine.fire_due_escalations()
    simple_engine.complete_task(
        step.opened[0].id,
        {"screening_result": "not_victim"},
        actor="police",
        agency="police",
    )
    clock.set(NEXT_RUNG + timedelta(days=30))
    assert simple_engine.fire_due_escalations() == []
    assert [(e.rung, e.next_at) for e in simple_engine.case_escalations(step.case.id)] == [
        (1, None)
    ]
    assert told.task_id == step.opened[0].id


def test_a_task_done_before_its_due_date_is_never_escalated(
    simple_engine: Engine, clock: FakeClock
) -> None:
    step = start_simple(simple_engine)
    simple_engine.complete_task(
        step.opened[0].id, {"screening_result": "not_victim"}, actor="police", agency="police"
    )
    clock.set(DUE + timedelta(days=30))
    assert simple_engine.fire_due_escalations() == []
    assert simple_engine.next_escalation() is None


def test_two_workers_on_one_database_tell_each_rung_exactly_once(
    simple_engine: Engine, settings: Settings, database_url: str, clock: FakeClock
) -> None:
    cases = [start_simple(simple_engine).case.id for _ in range(12)]
    engines = [Engine(make_engine(database_url), settings=settings, clock=clock) for _ in range(2)]
    told: list[list[EscalationView]] = [[], []]

    def work(i: int, start: threading.Barrier) -> None:
        start.wait()
        for _ in range(3):  # more rounds than needed: a later round finds nothing new
            told[i].extend(engines[i].fire_due_escalations(limit=5))

    for moment in (DUE, NEXT_RUNG):
        clock.set(moment)
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=work, args=(i, barrier)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for engine in engines:
        engine.db.dispose()
    all_told = sorted((t.task_id, t.rung) for t in told[0] + told[1])
    assert len(all_told) == len(set(all_told)) == 2 * len(cases)
    with Session(simple_engine.db) as session:
        count = session.execute(select(func.count()).select_from(Escalation)).scalar()
    assert count == 2 * len(cases)
    assert len(escalated_events(simple_engine.db)) == 2 * len(cases)
