"""Engine rows and views -> API models (no queries here beyond the library's cache)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any, Protocol

from api.schemas import CasePublic, EscalationPublic, TaskPublic, TaskState
from engine.library import LoadedVersion
from engine.models import Case, TaskStatus
from engine.views import CaseView


class TaskLike(Protocol):
    """A task row (engine.models.HumanTask) or view (engine.views.TaskView)."""

    @property
    def id(self) -> str: ...

    @property
    def case_id(self) -> str: ...

    @property
    def process_id(self) -> str: ...

    @property
    def bpmn_id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def agency(self) -> str | None: ...

    @property
    def form(self) -> str | None: ...

    @property
    def status(self) -> str: ...

    @property
    def created_at(self) -> datetime: ...

    @property
    def due_at(self) -> datetime | None: ...

    @property
    def claimed_by(self) -> str | None: ...

    @property
    def completed_by(self) -> str | None: ...

    @property
    def completed_at(self) -> datetime | None: ...


def task_state(status: str, claimed_by: str | None) -> TaskState:
    """The API's task state: an open task is `ready` or `claimed`."""
    if status == TaskStatus.READY:
        return TaskState.CLAIMED if claimed_by else TaskState.READY
    return TaskState(status)


def task_title(loaded: LoadedVersion | None, form: str | None, name: str) -> str:
    """The form's title, else the task's name."""
    schema = loaded.bundle.form(form) if loaded is not None else None
    title = schema.get("title") if schema else None
    return title if isinstance(title, str) and title else name


def task_item(loaded: LoadedVersion | None, row: TaskLike) -> str | None:
    """What one instance of a multi-instance task works on (e.g. its service), as titled in
    the forms; None for other tasks."""
    info = loaded.bundle.task(row.process_id, row.bpmn_id) if loaded is not None else None
    return info.item_of(row.name) if info is not None else None


def task_public(
    row: TaskLike,
    *,
    case_number: str,
    loaded: LoadedVersion | None,
    now: datetime,
    escalation: EscalationPublic | None = None,
) -> TaskPublic:
    """A task as the inbox shows it."""
    is_open = row.status == TaskStatus.READY
    return TaskPublic(
        id=row.id,
        case_id=row.case_id,
        case_number=case_number,
        process_id=row.process_id,
        name=row.name,
        title=task_title(loaded, row.form, row.name),
        item=task_item(loaded, row),
        agency=row.agency,
        status=task_state(row.status, row.claimed_by),
        overdue=is_open and row.due_at is not None and row.due_at < now,
        created_at=row.created_at,
        due_at=row.due_at,
        due_in_seconds=_seconds(row.due_at - now) if is_open and row.due_at else None,
        claimed_by=row.claimed_by,
        completed_by=row.completed_by,
        completed_at=row.completed_at,
        form=row.form,
        escalation=escalation if is_open else None,
    )


def _seconds(delta: timedelta) -> int:
    """Whole seconds of a time span, rounded towards minus infinity (late is negative)."""
    return math.floor(delta.total_seconds())


def case_public(
    case: Case | CaseView,
    *,
    process_version: int,
    open_tasks: list[TaskPublic],
    data: dict[str, Any] | None = None,
) -> CasePublic:
    """A case summary (data already projected, or None in lists)."""
    return CasePublic(
        id=case.id,
        number=case.number,
        process_id=case.process_id,
        process_version=process_version,
        status=case.status,
        outcome=case.outcome,
        reporting_agency=case.reporting_agency,
        created_at=case.created_at,
        updated_at=case.updated_at,
        closed_at=case.closed_at,
        open_tasks=open_tasks,
        data=data,
    )
