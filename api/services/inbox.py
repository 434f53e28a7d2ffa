"""An agency's inbox: one indexed query on human_task joined to nrm_case, never workflows.

Sorted by due date (overdue first; tasks without a deadline last), then age, then id;
paged by offset or by an opaque keyset cursor (stable while tasks come and go).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from api.schemas import EscalationPublic, InboxStatus, TasksPublic
from api.services.policy import ESCALATION_ROLES, Caller, casework_agency, escalation_roles
from api.services.shaping import task_public
from engine.errors import FieldError, InvalidDataError, UnknownProcessError
from engine.facade import Engine
from engine.models import Case, Escalation, HumanTask, TaskStatus

INBOX_ORDER = (
    col(HumanTask.due_at).asc().nulls_last(),
    col(HumanTask.created_at),
    col(HumanTask.id),
)


@dataclass(frozen=True)
class InboxFilter:
    """What the caller asked for."""

    status: InboxStatus | None = None
    assignee_me: bool = False
    process_id: str | None = None
    case_id: str | None = None


@dataclass(frozen=True)
class Page:
    """At most `limit` rows, after `cursor` or from `offset`."""

    limit: int = 50
    offset: int = 0
    cursor: str | None = None


def inbox(
    *, engine: Engine, session: Session, caller: Caller, filters: InboxFilter, page: Page
) -> TasksPublic:
    """Open tasks of the caller's agency's lanes (or, with status `escalated`, the open
    tasks of any agency escalated to the caller's agency and role)."""
    now = engine.clock.now()
    held = held_by(engine, session, filters.process_id)
    query = (
        select(HumanTask, Case.number, Case.process_version_id)
        .join(Case, col(Case.id) == col(HumanTask.case_id))
        .where(HumanTask.status == TaskStatus.READY, _whose(caller, filters))
        .where(*_conditions(filters, caller.username, now, held))
    )
    if page.cursor:
        query = query.where(_after(_decode(page.cursor)))
    elif page.offset:
        query = query.offset(page.offset)
    rows = session.exec(query.order_by(*INBOX_ORDER).limit(page.limit + 1)).all()
    marks = escalation_marks(session, [row.id for row, _n, _v in rows[: page.limit]])
    tasks = [
        task_public(
            row,
            case_number=number,
            loaded=engine.library.version(session, version_id),
            now=now,
            escalation=marks.get(row.id),
        )
        for row, number, version_id in rows[: page.limit]
    ]
    more = len(rows) > page.limit
    return TasksPublic(data=tasks, next_cursor=_encode(rows[page.limit - 1][0]) if more else None)


def _whose(caller: Caller, filters: InboxFilter) -> ColumnElement[bool]:
    """The agency's own tasks, or those escalated to the caller's agency and roles."""
    if filters.status != InboxStatus.ESCALATED:
        return col(HumanTask.agency) == casework_agency(caller)
    agency, roles = escalation_roles(caller)
    return exists().where(
        col(Escalation.task_id) == col(HumanTask.id),
        col(Escalation.agency) == agency,
        col(Escalation.role).in_(sorted(roles)),
    )


def told_of(session: Session, task_id: str, caller: Caller) -> bool:
    """True when a rung of the task's escalation ladder told the caller's agency and one of
    the caller's roles (a supervisor or head) of it: they may read it."""
    roles = caller.roles & ESCALATION_ROLES
    if not roles or caller.agency is None:
        return False
    found = session.exec(
        select(Escalation.task_id).where(
            col(Escalation.task_id) == task_id,
            col(Escalation.agency) == caller.agency,
            col(Escalation.role).in_(sorted(roles)),
        )
    ).first()
    return found is not None


def escalation_marks(session: Session, task_ids: list[str]) -> dict[str, EscalationPublic]:
    """The highest rung told of each of these tasks (tasks never escalated: absent)."""
    if not task_ids:
        return {}
    told = session.exec(
        select(Escalation)
        .where(col(Escalation.task_id).in_(task_ids))
        .order_by(col(Escalation.rung))
    ).all()
    return {
        e.task_id: EscalationPublic(rung=e.rung, agency=e.agency, role=e.role, fired_at=e.fired_at)
        for e in told
    }


def held_by(engine: Engine, session: Session, process_id: str | None) -> list[str]:
    """The process ids a filter by SOP matches: the SOP and its event sub-processes (a task
    opened after a withdrawal carries `esp_referral_consent_withdrawn`; page review P-1)."""
    if not process_id:
        return []
    try:
        bundle = engine.library.latest(session, process_id).bundle
    except UnknownProcessError:
        return [process_id]
    return bundle.held_by(process_id)


def _conditions(
    filters: InboxFilter, username: str, now: datetime, held: list[str]
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.status == InboxStatus.READY:
        conditions.append(col(HumanTask.claimed_by).is_(None))
    elif filters.status == InboxStatus.CLAIMED:
        conditions.append(col(HumanTask.claimed_by).is_not(None))
    elif filters.status == InboxStatus.OVERDUE:
        conditions.append(col(HumanTask.due_at) < now)
    if filters.assignee_me:
        conditions.append(col(HumanTask.claimed_by) == username)
    if filters.process_id:
        conditions.append(
            or_(
                col(HumanTask.process_id).in_(held),
                col(Case.process_id) == filters.process_id,
            )
        )
    if filters.case_id:
        conditions.append(col(HumanTask.case_id) == filters.case_id)
    return conditions


def _encode(row: HumanTask) -> str:
    due = row.due_at.isoformat() if row.due_at else None
    raw = json.dumps([due, row.created_at.isoformat(), row.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime | None, datetime, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        due, created, task_id = json.loads(raw)
        return (
            datetime.fromisoformat(due) if due is not None else None,
            datetime.fromisoformat(created),
            _text(task_id),
        )
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidDataError(
            "The cursor is not one this API handed out.",
            [FieldError("cursor", "Invalid cursor.")],
        ) from exc


def _text(value: Any) -> str:
    if not isinstance(value, str) or "\x00" in value or len(value) > 64:
        raise ValueError("bad id")
    return value


def _after(key: tuple[datetime | None, datetime, str]) -> ColumnElement[bool]:
    """Rows after the cursor's row in (due_at nulls last, created_at, id) order."""
    due, created, task_id = key
    later = or_(
        col(HumanTask.created_at) > created,
        and_(col(HumanTask.created_at) == created, col(HumanTask.id) > task_id),
    )
    if due is None:
        return and_(col(HumanTask.due_at).is_(None), later)
    return or_(
        col(HumanTask.due_at).is_(None),
        col(HumanTask.due_at) > due,
        and_(col(HumanTask.due_at) == due, later),
    )
