"""Request and response models of the API (a model family per resource)."""

from __future__ import annotations

import math
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

MAX_DEPTH = 32
ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
PROCESS_ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_.-]{0,254}$"


def _plain_json(value: dict[str, Any]) -> dict[str, Any]:
    """Finite numbers and at most MAX_DEPTH levels of nesting (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(item, float) and not math.isfinite(item):
            raise ValueError("numbers must be finite")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return value


JsonObject = Annotated[dict[str, Any], AfterValidator(_plain_json)]


class TaskState(StrEnum):
    """Where a task stands, as the API shows it."""

    READY = "ready"
    CLAIMED = "claimed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class InboxStatus(StrEnum):
    """Inbox filter: unclaimed, claimed, past its deadline, or escalated to the caller (a
    supervisor or head: open tasks of any agency whose ladder told the caller's agency and
    role)."""

    READY = "ready"
    CLAIMED = "claimed"
    OVERDUE = "overdue"
    ESCALATED = "escalated"


class EscalationPublic(BaseModel):
    """The highest rung of an open task's escalation ladder told so far."""

    rung: int
    agency: str = Field(description="Whose users were told")
    role: str = Field(description="Which of them: supervisor or head")
    fired_at: datetime


class FieldErrorPublic(BaseModel):
    """One invalid field; `code` says which rule it broke (`required`, `unknown`, `type`,
    `enum`, `format`, `minimum`, ... — the JSON Schema keyword, or a rule between fields:
    `x-not-future`, `x-not-before`, `x-not-after`, `x-exclusive`) where known; `related`
    the other fields the refusal is about (docs/forms.md)."""

    field: str
    message: str
    code: str | None = None
    related: list[str] | None = None


class ProblemPublic(BaseModel):
    """An error (RFC 9457 problem details)."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldErrorPublic] | None = None


class TokenPublic(BaseModel):
    """A bearer token."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class MePublic(BaseModel):
    """The signed-in user."""

    username: str
    agency: str | None
    roles: list[str]


class ProcessPublic(BaseModel):
    """The newest deployed version of a process."""

    id: str
    name: str
    version: int
    deployed_at: datetime


class ProcessesPublic(BaseModel):
    """Deployed processes."""

    data: list[ProcessPublic]
    count: int


class TaskPublic(BaseModel):
    """A human task as an inbox shows it."""

    id: str
    case_id: str
    case_number: str
    process_id: str
    name: str
    title: str
    # One instance of a multi-instance task: what it works on (e.g. "Shelter"); `name` ends
    # with it, `title` is the form's.
    item: str | None = None
    agency: str | None
    status: TaskState
    overdue: bool
    created_at: datetime
    due_at: datetime | None
    due_in_seconds: int | None = Field(
        default=None, description="Seconds from now to the due date; negative when overdue"
    )
    claimed_by: str | None
    completed_by: str | None = None
    completed_at: datetime | None = None
    form: str | None
    escalation: EscalationPublic | None = None


class TasksPublic(BaseModel):
    """One page of an inbox; `next_cursor` fetches the next page."""

    data: list[TaskPublic]
    next_cursor: str | None = None


class TaskDetail(TaskPublic):
    """One task with its form's JSON Schema and the case data that form needs."""

    form_schema: dict[str, Any] | None
    data: dict[str, Any]


class TaskComplete(BaseModel):
    """Form data completing a task."""

    model_config = ConfigDict(extra="forbid")
    data: JsonObject = Field(default_factory=dict)
    confirm_override: bool = Field(
        default=False,
        description="A supervisor completing a task someone else claimed confirms it (else "
        "409 naming the claimant); the claimant sees it in the case history",
    )


class TaskAssign(BaseModel):
    """Whom a supervisor gives a task to."""

    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=1, max_length=100, examples=["police"])


class MessageSend(BaseModel):
    """A message from outside to a waiting case: its name and what it carries."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[A-Za-z][\w-]{0,99}$", examples=["travel_documents_issued"])
    data: JsonObject = Field(default_factory=dict)


class MessagePublic(BaseModel):
    """A message the case waits for now, who may send it and the form of its content."""

    name: str
    title: str
    senders: list[str]
    may_send: bool  # the caller's agency is among the senders
    form: str | None
    form_schema: dict[str, Any] | None
    element_id: str
    process_id: str


class MessagesPublic(BaseModel):
    """The messages a case waits for now."""

    items: list[MessagePublic]


class CaseCreate(BaseModel):
    """A report that starts a case."""

    model_config = ConfigDict(extra="forbid")
    process_id: str = Field(pattern=PROCESS_ID_PATTERN, examples=["nrm_case"])
    data: JsonObject = Field(default_factory=dict)


class CasePublic(BaseModel):
    """A case summary; `data` is projected to what the caller's agency may see."""

    id: str
    number: str
    process_id: str
    process_version: int
    status: str
    outcome: str | None
    reporting_agency: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    open_tasks: list[TaskPublic]
    data: dict[str, Any] | None = None


class CasesPublic(BaseModel):
    """Cases the caller's agency takes part in (newest first, without data)."""

    data: list[CasePublic]
    limit: int
    offset: int


class StepPublic(BaseModel):
    """What a step did: the case after it, the task it completed, the tasks it opened."""

    case: CasePublic
    completed: TaskPublic | None = None
    opened: list[TaskPublic]


class HistoryEvent(BaseModel):
    """One entry of a case's audit trail."""

    at: datetime
    actor: str
    agency: str | None
    action: str
    task_id: str | None
    task_name: str | None
    detail: dict[str, str | int | None] | None = Field(
        default=None,
        description="For some actions, who else it concerns: `over_claim_of` (a supervisor "
        "completed a task this user had claimed), `assignee` and `was_claimed_by` (an "
        "assignment), `rung`, `to_agency`, `to_role` (an escalation)",
    )


class HistoryPublic(BaseModel):
    """A case's audit trail, oldest first."""

    data: list[HistoryEvent]


class AccessRecordPublic(BaseModel):
    """A response that contained personal fields of the case."""

    at: datetime
    username: str
    agency: str | None
    endpoint: str
    task_id: str | None
    fields: list[str]


class AccessLogPublic(BaseModel):
    """Who read personal fields of a case, oldest first."""

    data: list[AccessRecordPublic]


class HealthPublic(BaseModel):
    """Liveness and database reachability."""

    status: Literal["ok"]
    database: Literal["ok"]
