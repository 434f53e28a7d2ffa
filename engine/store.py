"""Case persistence inside one transaction: lock, load, save, and mirror tasks and timers.

Helpers here never commit; the caller's unit of work does, once. The per-step
statements are `engine.rowsql`'s, run on the driver (`engine.driversql`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, NamedTuple, cast

from sqlmodel import Session

from engine import rowsql
from engine.agencies import follows_case
from engine.db import UnitSession
from engine.driversql import DriverSql
from engine.errors import ConcurrentUpdateError, UnknownCaseError, UnknownTaskError
from engine.facts import Fact
from engine.models import TaskStatus
from engine.rowsql import CASE_COLUMNS, CaseRow, FactRow, TaskRow, TimerRow, changed
from engine.runtime import OpenTask, PendingTimer


class WorkflowCache:
    """Live workflows of recently used cases, valid only for the case version they match."""

    def __init__(self, size: int = 256) -> None:
        self._items: OrderedDict[str, tuple[int, Any]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, case_id: str, version: int) -> Any | None:
        """The cached workflow if it is of exactly this case version (removed from the cache:
        the caller owns it until it puts it back)."""
        with self._lock:
            item = self._items.pop(case_id, None)
        return item[1] if item is not None and item[0] == version else None

    def put(self, case_id: str, version: int, workflow: Any) -> None:
        """Keep a workflow after a committed step."""
        if self._size == 0:
            return
        with self._lock:
            self._items[case_id] = (version, workflow)
            self._items.move_to_end(case_id)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def drop(self, case_id: str) -> None:
        """Forget a case (after a failed or rolled-back step its workflow object is dirty)."""
        with self._lock:
            self._items.pop(case_id, None)


def sql(session: Session) -> DriverSql:
    """The statement runner (DriverSql) in the session's transaction, one per session (and per
    connection: a new transaction may bring another one)."""
    if isinstance(session, UnitSession):
        runner = session.unit_sql()
        if runner is not None:  # this transaction's, made by an earlier statement of the step
            return cast(DriverSql, runner)
        driver = session.unit_driver()
        postgres = session.unit_engine.dialect.name == "postgresql"
    else:
        conn = session.connection()
        driver, postgres = conn.connection.driver_connection, conn.dialect.name == "postgresql"
    cached = session.info.get("nrm_driver_sql")
    if cached is None or cached[0] is not driver:
        cached = session.info["nrm_driver_sql"] = (driver, DriverSql(driver, postgres=postgres))
    if isinstance(session, UnitSession):
        session.keep_sql(cached[1])
    return cast(DriverSql, cached[1])


def batch(session: Session) -> AbstractContextManager[None]:
    """A block of writes sent together (see `DriverSql.batch`)."""
    return sql(session).batch()


def lock_case(session: Session, case_id: str, *, skip_locked: bool = False) -> CaseRow | None:
    """The case row, locked for this transaction on PostgreSQL (SQLite holds the write lock).

    With `skip_locked`, a case another transaction holds gives None instead of waiting.
    """
    db = sql(session)
    lock = (" FOR UPDATE SKIP LOCKED" if skip_locked else " FOR UPDATE") if db.postgres else ""
    row = db.run(rowsql.CASE + lock, (case_id,)).fetchone()
    if row is None and not skip_locked:
        raise UnknownCaseError(f"No case {case_id}.", case_id=case_id)
    return rowsql.case_row(row) if row is not None else None


def lock_case_of_task(session: Session, task_id: str) -> tuple[CaseRow, dict[str, TaskRow]]:
    """The task's case (locked) and its open tasks plus this one, read after the lock."""
    db = sql(session)
    if not db.postgres:
        # The unit holds SQLite's write lock already (BEGIN IMMEDIATE): one read does.
        rows = db.run(rowsql.CASE_AND_TASKS, (task_id, TaskStatus.READY, task_id)).fetchall()
        if not rows:
            raise UnknownTaskError(f"No task {task_id}.", task_id=task_id)
        width = len(CASE_COLUMNS)
        return rowsql.case_row(rows[0][:width]), {
            r[width]: rowsql.task_row(r[width:]) for r in rows
        }
    # PostgreSQL: lock the case row first, then read its tasks as they are after the lock.
    # Both go in one round trip: the second statement starts (with its own snapshot, READ
    # COMMITTED) only once the first holds the lock.
    case_rows, rows = db.fetch_each(
        [
            (rowsql.LOCK_CASE_OF_TASK, (task_id,)),
            (rowsql.TASKS_OF_CASE_OF_TASK, (task_id, TaskStatus.READY, task_id)),
        ]
    )
    if not case_rows:
        raise UnknownTaskError(f"No task {task_id}.", task_id=task_id)
    return rowsql.case_row(case_rows[0]), {r[0]: rowsql.task_row(r) for r in rows}


def task_rows(session: Session, case_id: str, *, also: str | None = None) -> dict[str, TaskRow]:
    """The case's open tasks (and one more task by id), by id, oldest first."""
    rows = sql(session).run(rowsql.OPEN_TASKS, (case_id, TaskStatus.READY, also or "")).fetchall()
    return {r[0]: rowsql.task_row(r) for r in rows}


class StoredState(NamedTuple):
    """A case's stored workflow state and the serializer layout it was written in."""

    state: bytes
    serializer_version: str


def load_state(session: Session, case_id: str) -> StoredState:
    """The stored workflow state of a case."""
    row = sql(session).run(rowsql.STATE, (case_id,)).fetchone()
    if row is None:
        raise UnknownCaseError(f"No case {case_id}.", case_id=case_id)
    return StoredState(bytes(row[0]), row[1])


def save_case(session: Session, case: CaseRow, state: bytes, **changes: Any) -> CaseRow:
    """Write new state if nobody else did since we read `case.version`; else conflict (raised
    at once, or when the batch it is part of ends: see `DriverSql.batch`)."""
    db = sql(session)
    values = {"version": case.version + 1, **changes}
    params = [state, *(db.when(v) if isinstance(v, datetime) else v for v in values.values())]

    def saved(rowcount: int) -> None:
        if rowcount != 1:
            raise ConcurrentUpdateError(
                "The case was changed by someone else meanwhile; nothing of this request was "
                "applied.",
                case_id=case.id,
            )

    db.run_checked(
        rowsql.save_case(list(values)),
        (*params, case.id, case.version),
        saved,
    )
    return changed(case, **values)


def record_facts(session: Session, case_id: str, facts: list[Fact], at: datetime) -> None:
    """Keep a step's facts for statistics: a value replaces the one before, a milestone
    keeps its first time."""
    if not facts:
        return
    db = sql(session)
    db.many(  # the members of a list the step replaces
        rowsql.CLEAR_FACTS, [(case_id, len(f.name), f.name) for f in facts if f.clears]
    )
    rows = [(f, rowsql.values(db, FactRow(case_id, f.name, f.value, at))) for f in facts]
    db.many(rowsql.SET_FACT, [r for f, r in rows if not (f.first_only or f.clears)])
    db.many(rowsql.FIRST_FACT, [r for f, r in rows if f.first_only])


def insert_case(session: Session, case: CaseRow, state: bytes) -> None:
    """A new case row."""
    db = sql(session)
    db.run(rowsql.INSERT_CASE, (*rowsql.values(db, case), state))


def next_number(session: Session, year: int) -> str:
    """The next pseudonymous case number of the year, e.g. NRM-2026-000042."""
    row = sql(session).run(rowsql.NEXT_NUMBER, (year,)).fetchone()
    return f"NRM-{year}-{int(row[0]):06d}"


def sync_tasks(
    session: Session,
    case_id: str,
    before: dict[str, TaskRow],
    open_now: list[OpenTask],
    *,
    now: datetime,
    completed_id: str | None = None,
    actor: str | None = None,
) -> tuple[list[TaskRow], list[TaskRow]]:
    """Mirror the workflow's READY tasks into the task table.

    `before` holds the rows that were open (read in this transaction). Returns
    (rows now open, rows opened by this step).
    """
    db = sql(session)
    current = {t.id: t for t in open_now}
    ended = [
        (
            TaskStatus.COMPLETED if tid == completed_id else TaskStatus.CANCELLED,
            actor if tid == completed_id else None,
            db.when(now),
            tid,
        )
        for tid, row in before.items()
        if row.status == TaskStatus.READY and tid not in current
    ]
    db.many(rowsql.END_TASK, ended)
    moved = [
        (db.when(t.due_at), tid)
        for tid, t in current.items()
        if tid in before and before[tid].due_at != t.due_at
    ]
    db.many(rowsql.MOVE_DUE, moved)
    opened = [_new_row(case_id, t, now) for tid, t in current.items() if tid not in before]
    db.many(rowsql.INSERT_TASK, [rowsql.values(db, r) for r in opened])
    still = [
        row if row.due_at == t.due_at else changed(row, due_at=t.due_at)
        for tid, t in current.items()
        if (row := before.get(tid)) is not None
    ]
    return [*still, *opened], opened


def follow_serving_agency(
    session: Session, before: dict[str, TaskRow], open_now: list[OpenTask]
) -> list[tuple[TaskRow, str]]:
    """Move each open task of a lane that follows the whole case (`lane_serving_agency`) that
    nobody has claimed to the agency that lane names now: the receiver that accepted the
    referral after the task opened, or another agency once she cut the first one off (review
    4 N-13, pages review P4-5). (task row as it was, new agency) for each task moved."""
    moved = [
        (row, t.agency)
        for t in open_now
        if (row := before.get(t.id)) is not None
        and row.status == TaskStatus.READY
        and row.claimed_by is None
        and t.agency is not None
        and t.agency != row.agency
        and follows_case(row.lane)
    ]
    sql(session).many(rowsql.MOVE_AGENCY, [(agency, row.id) for row, agency in moved])
    return moved


def _new_row(case_id: str, task: OpenTask, now: datetime) -> TaskRow:
    return TaskRow(
        id=task.id,
        case_id=case_id,
        process_id=task.process_id,
        bpmn_id=task.bpmn_id,
        name=task.name,
        lane=task.lane,
        agency=task.agency,
        form=task.form,
        status=TaskStatus.READY,
        created_at=now,
        due_at=task.due_at,
        claimed_by=None,
        claimed_at=None,
        completed_by=None,
        completed_at=None,
    )


def sync_timers(
    session: Session, case_id: str, before: list[PendingTimer], after: list[PendingTimer]
) -> None:
    """Replace the case's timer rows when its waiting timers changed."""
    if sorted(before, key=lambda t: t.id) == sorted(after, key=lambda t: t.id):
        return
    db = sql(session)
    db.run(rowsql.DELETE_TIMERS, (case_id,))
    rows = (TimerRow(t.id, case_id, t.bpmn_id, t.name, t.fire_at) for t in after)
    db.many(rowsql.INSERT_TIMER, [rowsql.values(db, r) for r in rows])


def set_claim(
    session: Session, task: TaskRow, claimed_by: str | None, at: datetime | None
) -> TaskRow:
    """Record who holds a task (None: back in the agency's inbox)."""
    db = sql(session)
    db.run(rowsql.SET_CLAIM, (claimed_by, db.when(at), task.id))
    return changed(task, claimed_by=claimed_by, claimed_at=at)
