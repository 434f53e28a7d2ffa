"""Case persistence inside one transaction: lock, load, save, and mirror tasks and timers.

Helpers here never commit; the caller's unit of work does, once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel, col, select

from engine.errors import ConcurrentUpdateError, UnknownCaseError
from engine.models import Case, CaseCounter, HumanTask, TaskStatus, Timer
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
        with self._lock:
            self._items[case_id] = (version, workflow)
            self._items.move_to_end(case_id)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def drop(self, case_id: str) -> None:
        """Forget a case (after a failed or rolled-back step its workflow object is dirty)."""
        with self._lock:
            self._items.pop(case_id, None)


def lock_case(session: Session, case_id: str) -> Case:
    """The case row, locked for this transaction on PostgreSQL (SQLite holds the write lock)."""
    query = select(Case).where(Case.id == case_id).execution_options(populate_existing=True)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    case = session.exec(query).first()
    if case is None:
        raise UnknownCaseError(f"No case {case_id}.", case_id=case_id)
    return case


def lock_case_if_free(session: Session, case_id: str) -> Case | None:
    """The case row locked for this transaction, or None when it is gone or (PostgreSQL)
    another transaction holds it: timer workers skip a busy case instead of queueing."""
    query = select(Case).where(Case.id == case_id).execution_options(populate_existing=True)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return session.exec(query).first()


def load_state(session: Session, case_id: str) -> bytes:
    """The stored workflow state of a case."""
    state = session.exec(select(Case.state).where(Case.id == case_id)).first()
    if state is None:
        raise UnknownCaseError(f"No case {case_id}.", case_id=case_id)
    return bytes(state)


def save_case(session: Session, case: Case, state: bytes, **changes: Any) -> None:
    """Write new state if nobody else did since we read `case.version`; else conflict."""
    values = {"state": state, "version": case.version + 1, **changes}
    result = session.execute(
        update(Case)
        .where(col(Case.id) == case.id, col(Case.version) == case.version)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConcurrentUpdateError(
            "The case was changed by someone else meanwhile; nothing of this request was applied.",
            case_id=case.id,
        )
    for key, value in values.items():
        if key != "state":
            setattr(case, key, value)


def next_number(session: Session, year: int) -> str:
    """The next pseudonymous case number of the year, e.g. NRM-2026-000042."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = SQLModel.metadata.tables[CaseCounter.__tablename__]
    stmt = insert(table).values(year=year, last=1)
    stmt = stmt.on_conflict_do_update(index_elements=["year"], set_={"last": table.c.last + 1})
    last = session.execute(stmt.returning(table.c.last)).scalar_one()
    return f"NRM-{year}-{last:06d}"


def sync_tasks(
    session: Session,
    case_id: str,
    open_now: list[OpenTask],
    *,
    now: datetime,
    completed_id: str | None = None,
    actor: str | None = None,
) -> list[HumanTask]:
    """Mirror the workflow's READY tasks into the task table; returns the rows opened."""
    rows = {
        r.id: r
        for r in session.exec(
            select(HumanTask).where(
                HumanTask.case_id == case_id, HumanTask.status == TaskStatus.READY
            )
        ).all()
    }
    current = {t.id: t for t in open_now}
    for task_id, row in rows.items():
        if task_id == completed_id:
            row.status, row.completed_by, row.completed_at = TaskStatus.COMPLETED, actor, now
        elif task_id not in current:
            row.status, row.completed_at = TaskStatus.CANCELLED, now
        elif row.due_at != current[task_id].due_at:
            row.due_at = current[task_id].due_at
    opened = [_new_row(case_id, t, now) for tid, t in current.items() if tid not in rows]
    session.add_all([*rows.values(), *opened])
    return opened


def _new_row(case_id: str, task: OpenTask, now: datetime) -> HumanTask:
    return HumanTask(
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
    )


def sync_timers(session: Session, case_id: str, timers: list[PendingTimer]) -> None:
    """Replace the case's timer rows with the workflow's waiting timers."""
    session.execute(delete(Timer).where(col(Timer.case_id) == case_id))
    session.add_all(
        [
            Timer(id=t.id, case_id=case_id, bpmn_id=t.bpmn_id, name=t.name, fire_at=t.fire_at)
            for t in timers
        ]
    )


def open_task_rows(session: Session, case_id: str) -> list[HumanTask]:
    """The case's READY tasks, oldest first."""
    return list(
        session.exec(
            select(HumanTask)
            .where(HumanTask.case_id == case_id, HumanTask.status == TaskStatus.READY)
            .order_by(col(HumanTask.created_at), col(HumanTask.name))
        ).all()
    )
