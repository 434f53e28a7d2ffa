"""Database tables. Runtime state only: specs live in deployed files, parsed once per version."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, LargeBinary, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import deferred
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC on every database; always read back timezone-aware (UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        """Aware -> naive UTC (naive values are taken as UTC)."""
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        """Naive UTC -> aware UTC."""
        return value.replace(tzinfo=UTC) if value is not None else None


def _when(nullable: bool = False, index: bool = False) -> Any:
    return Field(
        default=None if nullable else ..., sa_type=UTCDateTime, nullable=nullable, index=index
    )


class CaseStatus(StrEnum):
    """Where a case stands."""

    OPEN = "open"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class TaskStatus(StrEnum):
    """Where a human task stands."""

    READY = "ready"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Deployment(SQLModel, table=True):
    """A set of diagram, decision and form files loaded together."""

    __tablename__ = "deployment"
    id: int | None = Field(default=None, primary_key=True)
    content_hash: str = Field(index=True, unique=True, max_length=64)
    deployed_at: datetime = _when()
    deployed_by: str = Field(max_length=100)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class DeploymentFile(SQLModel, table=True):
    """One file of a deployment, kept so any version can be parsed again."""

    __tablename__ = "deployment_file"
    __table_args__ = (UniqueConstraint("deployment_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    deployment_id: int = Field(foreign_key="deployment.id", index=True)
    name: str = Field(max_length=255)
    kind: str = Field(max_length=10)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class DeploymentJobState(StrEnum):
    """Where a deployment job stands (engine/deployjobs.py)."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class DeploymentJob(SQLModel, table=True):
    """A deployment asked for: queued, behind its scenario gate in a runner, or done with a
    report (the versions it created, or why nothing was deployed)."""

    __tablename__ = "deployment_job"
    id: int | None = Field(default=None, primary_key=True)
    state: str = Field(default=DeploymentJobState.QUEUED, index=True, max_length=16)
    requested_by: str = Field(max_length=100)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # The files are the complete library (`nrm deploy` of bpmn/ and forms/schemas/), not
    # changes to the deployed one.
    whole_library: bool = False
    # Deployed without scenarios, for this recorded reason (`nrm deploy --skip-scenarios`).
    skip_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    report: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    deployment_id: int | None = Field(default=None, foreign_key="deployment.id")
    created_at: datetime = _when()
    started_at: datetime | None = _when(nullable=True)
    finished_at: datetime | None = _when(nullable=True)
    # The runner holding a running job, until when; a lease past its time is taken again.
    runner: str | None = Field(default=None, max_length=100)
    lease_until: datetime | None = _when(nullable=True)
    attempts: int = 0


class DeploymentJobFile(SQLModel, table=True):
    """A file sent with a deployment job: a diagram, decision table, form or feature."""

    __tablename__ = "deployment_job_file"
    __table_args__ = (UniqueConstraint("job_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    job_id: int = Field(foreign_key="deployment_job.id", index=True)
    name: str = Field(max_length=255)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class ProcessVersion(SQLModel, table=True):
    """A numbered version of one process; cases stay on the version they started with."""

    __tablename__ = "process_version"
    __table_args__ = (UniqueConstraint("process_id", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    process_id: str = Field(index=True, max_length=255)
    version: int
    name: str = Field(max_length=255)
    content_hash: str = Field(max_length=64)
    deployment_id: int = Field(foreign_key="deployment.id", index=True)
    deployed_at: datetime = _when()
    deployed_by: str = Field(max_length=100)


class Case(SQLModel, table=True):
    """One person's case: runtime state of a workflow instance."""

    __tablename__ = "nrm_case"
    id: str = Field(primary_key=True, max_length=36)
    number: str = Field(index=True, unique=True, max_length=32)
    process_id: str = Field(index=True, max_length=255)
    process_version_id: int = Field(foreign_key="process_version.id", index=True)
    status: str = Field(default=CaseStatus.OPEN, index=True, max_length=16)
    outcome: str | None = Field(default=None, max_length=64)
    reporting_agency: str = Field(max_length=64, index=True)
    created_by: str = Field(max_length=100)
    created_at: datetime = _when()
    updated_at: datetime = _when()
    closed_at: datetime | None = _when(nullable=True)
    serializer_version: str = Field(max_length=32)
    version: int = Field(default=1)
    # The values that tell cases apart in lists, kept at every step (engine/casesummary.py).
    summary: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # Deferred: listing cases never loads their workflow state.
    state: bytes = Field(sa_column=deferred(Column(LargeBinary, nullable=False)))  # type: ignore[call-overload]


class CaseCounter(SQLModel, table=True):
    """Last case number handed out per year."""

    __tablename__ = "case_counter"
    year: int = Field(primary_key=True)
    last: int = 0


class HumanTask(SQLModel, table=True):
    """A user task an agency works on; inboxes query this table, never workflows."""

    __tablename__ = "human_task"
    __table_args__ = (
        Index("ix_human_task_inbox", "agency", "status", "due_at", "created_at"),
        Index("ix_human_task_case_agency", "case_id", "agency", "form"),
    )
    id: str = Field(primary_key=True, max_length=36)
    case_id: str = Field(foreign_key="nrm_case.id", max_length=36)
    process_id: str = Field(max_length=255)
    bpmn_id: str = Field(max_length=255)
    name: str = Field(max_length=255)
    lane: str | None = Field(default=None, max_length=255)
    agency: str | None = Field(default=None, max_length=64)
    form: str | None = Field(default=None, max_length=255)
    status: str = Field(default=TaskStatus.READY, max_length=16)
    created_at: datetime = _when()
    due_at: datetime | None = _when(nullable=True)
    claimed_by: str | None = Field(default=None, max_length=100)
    claimed_at: datetime | None = _when(nullable=True)
    completed_by: str | None = Field(default=None, max_length=100)
    completed_at: datetime | None = _when(nullable=True)


class CaseFact(SQLModel, table=True):
    """A non-identifying value of a case kept for statistics (engine/facts.py)."""

    __tablename__ = "case_fact"
    __table_args__ = (Index("ix_case_fact_name", "name", "value"),)
    case_id: str = Field(foreign_key="nrm_case.id", primary_key=True, max_length=36)
    name: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=255)
    at: datetime = _when()


class OfficialFigure(SQLModel, table=True):
    """A published count (e.g. the National Statistical Committee's), kept as printed."""

    __tablename__ = "official_figure"
    __table_args__ = (UniqueConstraint("source", "indicator", "region", "year"),)
    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=255)
    indicator: str = Field(max_length=64)
    region: str = Field(max_length=64)
    year: int
    value: int
    imported_at: datetime = _when()


class Timer(SQLModel, table=True):
    """A timer waiting in a case, so the worker wakes exactly the cases that are due."""

    __tablename__ = "timer"
    id: str = Field(primary_key=True, max_length=36)
    case_id: str = Field(foreign_key="nrm_case.id", index=True, max_length=36)
    bpmn_id: str = Field(max_length=255)
    name: str = Field(default="", max_length=255)
    fire_at: datetime = _when(index=True)


class Escalation(SQLModel, table=True):
    """One rung of a task's escalation ladder, told when it fired (engine/escalations.py)."""

    __tablename__ = "escalation"
    __table_args__ = (
        UniqueConstraint("task_id", "rung"),
        Index("ix_escalation_to", "agency", "role"),
    )
    id: int | None = Field(default=None, primary_key=True)
    task_id: str = Field(foreign_key="human_task.id", max_length=36)
    case_id: str = Field(foreign_key="nrm_case.id", max_length=36)
    rung: int
    agency: str = Field(max_length=64)  # whose users were told
    role: str = Field(max_length=32)  # which of them: supervisor or head
    fired_at: datetime = _when()
    # When the next rung is due; None on the last rung, once it fired, or once the task ended.
    next_at: datetime | None = _when(nullable=True, index=True)


class CaseHalt(SQLModel, table=True):
    """A case whose step ran past a step host's limits and was stopped: its timers are not
    fired again until an administrator resumes it (`nrm cases resume`)."""

    __tablename__ = "case_halt"
    case_id: str = Field(primary_key=True, foreign_key="nrm_case.id", max_length=36)
    process_id: str | None = Field(default=None, max_length=255)
    element_id: str | None = Field(default=None, max_length=255)
    reason: str = Field(max_length=500)
    halted_at: datetime = _when()


class AuditEvent(SQLModel, table=True):
    """Append-only trail: who did what, when, on which case and task; each case's events a
    hash chain (engine.trail)."""

    __tablename__ = "audit_event"
    # A chain's head is its case's newest row: (case_id, id) finds it without a sort.
    __table_args__ = (Index("ix_audit_event_case_id", "case_id", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: str | None = Field(default=None, max_length=36)
    at: datetime = _when()  # no index: every query reads a case's events (by case_id)
    actor: str = Field(max_length=100)
    agency: str | None = Field(default=None, max_length=64)
    action: str = Field(max_length=64)
    task_id: str | None = Field(default=None, max_length=36)
    task_name: str | None = Field(default=None, max_length=255)
    data_hash: str | None = Field(default=None, max_length=64)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str | None = Field(default=None, max_length=64)
    hash: str = Field(max_length=64)


class Agency(SQLModel, table=True):
    """Which organisation holds a role code today (dated: ministries get renamed)."""

    __tablename__ = "agency"
    code: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=255)
    holder: str = Field(max_length=500)
    valid_from: datetime = _when()


class User(SQLModel, table=True):
    """A person who signs in: one agency, some roles."""

    __tablename__ = "app_user"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, unique=True, max_length=100)
    password_hash: str = Field(max_length=255)
    agency: str | None = Field(default=None, foreign_key="agency.code", max_length=64)
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    active: bool = True
    created_at: datetime = _when()
