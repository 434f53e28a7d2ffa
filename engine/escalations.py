"""Escalation ladders: an open task past its due date is told up the ladder of its lane.

The ladders are declared once, in engine/params.py (never drawn in a diagram). The worker
finds due rungs with two indexed queries (open tasks past due without a rung; rungs whose
next one is due) and fires each task's next rung in its own transaction, after locking the
task's case as a timer does (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two workers never
tell a rung twice; the unique (task_id, rung) guards the rest). A rung changes no workflow:
it is a row of `escalation` and an audit event `task.escalated`. A task that is no longer
open stops its ladder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlmodel import Session, col

from engine import audit, store
from engine.agencies import ROLES, lane_code
from engine.context import EngineContext
from engine.driversql import DriverSql
from engine.models import Escalation, HumanTask, TaskStatus
from engine.params import HOLDER, UNITS, Rung, escalation_ladder
from engine.rowsql import TASK_COLUMNS, task_row

LANE_AGENCIES = tuple(r.code for r in ROLES if r.has_tasks)
# A rung's row as written (tests/engine/test_rowsql.py compares it with the table).
ESCALATION_COLUMNS = ("task_id", "case_id", "rung", "agency", "role", "fired_at", "next_at")
_TASK = f"SELECT {', '.join(TASK_COLUMNS)} FROM human_task WHERE id = ?"
_LAST = "SELECT rung, next_at FROM escalation WHERE task_id = ? ORDER BY rung DESC LIMIT 1"


@dataclass(frozen=True)
class DueRung:
    """A task whose next rung is due."""

    task_id: str
    case_id: str


@dataclass(frozen=True)
class EscalationView:
    """One rung told: to which agency's users (role), when, and when the next is due."""

    task_id: str
    case_id: str
    rung: int
    agency: str
    role: str
    fired_at: datetime
    next_at: datetime | None


def due_rungs(
    session: Session, *, now: datetime, limit: int, case_ids: Sequence[str] | None = None
) -> list[DueRung]:
    """Tasks whose next rung is due by `now`, oldest due first (a worker then locks each)."""
    first = (
        select(col(HumanTask.id), col(HumanTask.case_id))
        .where(
            col(HumanTask.agency).in_(LANE_AGENCIES),  # the inbox index: (agency, status, due)
            col(HumanTask.status) == TaskStatus.READY,
            col(HumanTask.due_at) <= now,
            ~exists().where(col(Escalation.task_id) == col(HumanTask.id)),
        )
        .order_by(col(HumanTask.due_at))
        .limit(limit)
    )
    later = (
        select(col(Escalation.task_id), col(Escalation.case_id))
        .where(col(Escalation.next_at) <= now)
        .order_by(col(Escalation.next_at))
        .limit(limit)
    )
    if case_ids is not None:
        first = first.where(col(HumanTask.case_id).in_(list(case_ids)))
        later = later.where(col(Escalation.case_id).in_(list(case_ids)))
    rows = [*session.execute(first).all(), *session.execute(later).all()]
    return [DueRung(task_id, case_id) for task_id, case_id in rows][:limit]


def next_due(session: Session, case_ids: Sequence[str] | None = None) -> datetime | None:
    """When the next rung is due (of some cases only, when given): the earliest due date of
    an open task without a rung, or the earliest next rung."""
    first = select(func.min(HumanTask.due_at)).where(
        col(HumanTask.agency).in_(LANE_AGENCIES),
        col(HumanTask.status) == TaskStatus.READY,
        ~exists().where(col(Escalation.task_id) == col(HumanTask.id)),
    )
    later = select(func.min(Escalation.next_at))
    if case_ids is not None:
        first = first.where(col(HumanTask.case_id).in_(list(case_ids)))
        later = later.where(col(Escalation.case_id).in_(list(case_ids)))
    moments: list[datetime | None] = [session.execute(q).scalar() for q in (first, later)]
    return min((m for m in moments if m is not None), default=None)


def fire(
    ctx: EngineContext, session: Session, *, task_id: str, case_id: str
) -> EscalationView | None:
    """Tell the task's next rung if it is due and the task still open; None when nothing is
    due (any more), or another worker or a user's step holds the case (a later round)."""
    if store.lock_case(session, case_id, skip_locked=True) is None:
        return None
    db = store.sql(session)
    row = db.run(_TASK, (task_id,)).fetchone()
    last = db.run(_LAST, (task_id,)).fetchone()
    if row is None:
        return None
    task = task_row(row)
    if task.status != TaskStatus.READY:  # done or cancelled: the ladder stops
        db.run("UPDATE escalation SET next_at = NULL WHERE task_id = ?", (task_id,))
        return None
    ladder = escalation_ladder(lane_code(task.lane) if task.lane else None, task.agency)
    number = 1 if last is None else int(last[0]) + 1
    due = task.due_at if last is None else DriverSql.read_when(last[1])
    now = ctx.clock.now()
    if due is None or due > now or number > len(ladder) or task.agency is None:
        return None
    rung = ladder[number - 1]
    told = EscalationView(
        task_id=task.id,
        case_id=task.case_id,
        rung=number,
        agency=task.agency if rung.agency == HOLDER else rung.agency,
        role=rung.role,
        fired_at=now,
        next_at=_next_at(ctx, ladder[number] if number < len(ladder) else None, now),
    )
    with store.batch(session):
        _write(db, told, previous=None if last is None else number - 1)
        audit.record(
            session,
            at=now,
            actor="system",
            action="task.escalated",
            case_id=task.case_id,
            task_id=task.id,
            task_name=task.name,
            detail={
                "rung": number,
                "to_agency": told.agency,
                "to_role": told.role,
                "due_at": due.isoformat(),
                "next_at": told.next_at.isoformat() if told.next_at else None,
            },
        )
    return told


def _next_at(ctx: EngineContext, following: Rung | None, now: datetime) -> datetime | None:
    """When the rung after this one is due (None: this is the last)."""
    if following is None or following.after is None:
        return None
    amount = int(ctx.params[following.after])
    return ctx.script_engine.calendar.due(now, amount, UNITS[following.after])


def _write(db: DriverSql, told: EscalationView, *, previous: int | None) -> None:
    if previous is not None:
        db.run(
            "UPDATE escalation SET next_at = NULL WHERE task_id = ? AND rung = ?",
            (told.task_id, previous),
        )
    db.run(
        f"INSERT INTO escalation ({', '.join(ESCALATION_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            told.task_id,
            told.case_id,
            told.rung,
            told.agency,
            told.role,
            db.when(told.fired_at),
            db.when(told.next_at),
        ),
    )


def of_case(session: Session, case_id: str) -> list[EscalationView]:
    """Every rung told in a case, in the order told."""
    rows = session.execute(
        select(Escalation).where(col(Escalation.case_id) == case_id).order_by(col(Escalation.id))
    ).scalars()
    return [
        EscalationView(e.task_id, e.case_id, e.rung, e.agency, e.role, e.fired_at, e.next_at)
        for e in rows
    ]
