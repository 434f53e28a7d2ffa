"""Who may act on a task, and claiming, releasing or assigning it (one unit of work each)."""

from __future__ import annotations

import json

from sqlmodel import Session

from engine import audit, store
from engine.context import EngineContext
from engine.errors import (
    FieldError,
    InvalidDataError,
    TaskClaimedError,
    TaskNotReadyError,
    WrongAgencyError,
)
from engine.models import TaskStatus
from engine.rowsql import TaskRow


def check_may_act(row: TaskRow, actor: str, agency: str | None, override_claim: bool) -> None:
    """The caller's agency owns the task, it is open, and nobody else holds it."""
    if agency is not None and row.agency != agency:
        raise WrongAgencyError(
            f"Task {row.name!r} belongs to the {row.agency} lane.", task_id=row.id
        )
    if row.status != TaskStatus.READY:
        raise TaskNotReadyError(
            f"Task {row.name!r} is no longer open ({row.status}).",
            task_id=row.id,
            status=row.status,
        )
    if row.claimed_by and row.claimed_by != actor and not override_claim:
        raise TaskClaimedError(
            f"Task {row.name!r} is claimed by {row.claimed_by}.",
            task_id=row.id,
            claimed_by=row.claimed_by,
        )


def claim(
    ctx: EngineContext, session: Session, *, task_id: str, actor: str, agency: str | None
) -> TaskRow:
    """Take a READY task of one's agency; claiming it again is harmless."""
    _case, rows = store.lock_case_of_task(session, task_id)
    row = rows[task_id]
    check_may_act(row, actor, agency, override_claim=False)
    if row.claimed_by == actor:
        return row
    audit.record(
        session,
        at=ctx.clock.now(),
        actor=actor,
        agency=agency,
        action="task.claimed",
        case_id=row.case_id,
        task_id=row.id,
        task_name=row.name,
    )
    return store.set_claim(session, row, actor, ctx.clock.now())


def release(
    ctx: EngineContext,
    session: Session,
    *,
    task_id: str,
    actor: str,
    agency: str | None,
    override_claim: bool = False,
) -> TaskRow:
    """Return a claimed task to the agency's inbox (its claimant, or a supervisor)."""
    _case, rows = store.lock_case_of_task(session, task_id)
    row = rows[task_id]
    check_may_act(row, actor, agency, override_claim=override_claim)
    if row.claimed_by is None:
        return row
    audit.record(
        session,
        at=ctx.clock.now(),
        actor=actor,
        agency=agency,
        action="task.released",
        case_id=row.case_id,
        task_id=row.id,
        task_name=row.name,
        detail={"was_claimed_by": row.claimed_by},
    )
    return store.set_claim(session, row, None, None)


# Who may be given a task: an active caseworker, supervisor or head of the task's agency.
_ASSIGNABLE = "SELECT roles FROM app_user WHERE username = ? AND agency = ? AND active = ?"
ASSIGNABLE_ROLES = frozenset({"caseworker", "supervisor", "head"})


def assign(
    ctx: EngineContext,
    session: Session,
    *,
    task_id: str,
    assignee: str,
    actor: str,
    agency: str | None,
) -> TaskRow:
    """Give an open task of the agency to one of its caseworkers (a supervisor's act: the
    caller checks the role), whoever held it before; audited with both names."""
    _case, rows = store.lock_case_of_task(session, task_id)
    row = rows[task_id]
    check_may_act(row, actor, agency, override_claim=True)
    _check_assignable(session, assignee, row.agency)
    if row.claimed_by == assignee:
        return row
    now = ctx.clock.now()
    audit.record(
        session,
        at=now,
        actor=actor,
        agency=agency,
        action="task.assigned",
        case_id=row.case_id,
        task_id=row.id,
        task_name=row.name,
        detail={"assignee": assignee, "was_claimed_by": row.claimed_by},
    )
    return store.set_claim(session, row, assignee, now)


def _check_assignable(session: Session, username: str, agency: str | None) -> None:
    db = store.sql(session)
    found = db.run(_ASSIGNABLE, (username, agency, True)).fetchone()
    roles = set(json.loads(found[0]) if isinstance(found[0], str) else found[0]) if found else set()
    if not roles & ASSIGNABLE_ROLES:
        message = f"{username!r} is no active caseworker of the {agency} agency."
        raise InvalidDataError(message, [FieldError("username", message, "enum")])
