"""Plain result types the engine hands to the API, the forms and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from engine.models import Case, HumanTask
from engine.rowsql import CaseKey as CaseKey
from engine.rowsql import CaseRow as CaseRow
from engine.rowsql import TaskRow as TaskRow
from engine.rowsql import TokenRow as TokenRow


@dataclass(frozen=True)
class TaskView:
    """A human task as an inbox or a case page shows it."""

    id: str
    case_id: str
    case_number: str
    process_id: str
    bpmn_id: str
    name: str
    agency: str | None
    lane: str | None
    form: str | None
    status: str
    created_at: datetime
    due_at: datetime | None
    claimed_by: str | None
    completed_by: str | None
    completed_at: datetime | None

    @classmethod
    def of(cls, row: HumanTask | TaskRow, case_number: str) -> TaskView:
        """From a task row and its case's number."""
        return cls(
            id=row.id,
            case_id=row.case_id,
            case_number=case_number,
            process_id=row.process_id,
            bpmn_id=row.bpmn_id,
            name=row.name,
            agency=row.agency,
            lane=row.lane,
            form=row.form,
            status=row.status,
            created_at=row.created_at,
            due_at=row.due_at,
            claimed_by=row.claimed_by,
            completed_by=row.completed_by,
            completed_at=row.completed_at,
        )


@dataclass(frozen=True)
class AwaitedMessage:
    """A message a case waits for now: its name, the catch event's title, the agencies that
    may send it (dynamic lanes resolved for this case), its payload form, where it waits."""

    name: str
    title: str
    senders: tuple[str, ...]
    schema: str | None
    element_id: str
    process_id: str


@dataclass(frozen=True)
class CaseView:
    """A case summary: status, outcome, open tasks and (unprojected) data."""

    id: str
    number: str
    process_id: str
    process_version: int
    status: str
    outcome: str | None
    reporting_agency: str
    process_version_id: int
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    version: int
    open_tasks: list[TaskView] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        row: Case | CaseRow,
        process_version: int,
        open_tasks: list[TaskView],
        data: dict[str, Any],
    ) -> CaseView:
        """From a case row and what was read around it."""
        return cls(
            id=row.id,
            number=row.number,
            process_id=row.process_id,
            process_version=process_version,
            status=row.status,
            outcome=row.outcome,
            reporting_agency=row.reporting_agency,
            process_version_id=row.process_version_id,
            created_at=row.created_at,
            updated_at=row.updated_at,
            closed_at=row.closed_at,
            version=row.version,
            open_tasks=open_tasks,
            data=data,
        )


@dataclass(frozen=True)
class StepResult:
    """What one step of work did: the case after it, the tasks it opened and the task it
    completed (as it stands after the step: completed, by whom, when); `hooked` is what the
    caller's hook returned inside the step's transaction (None without one)."""

    case: CaseView
    opened: list[TaskView]
    completed: TaskView | None = None
    hooked: Any = None
