"""Request and response models for policy staff: validation reports, deployments and their
scenario gate, versions, differences between versions, and migration of open cases."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from api.schemas import ID_PATTERN
from engine.models import DeploymentJobState


class ProblemItemPublic(BaseModel):
    """One problem in a diagram, decision table or form file."""

    severity: str
    code: str
    message: str
    file: str | None
    line: int | None
    element_id: str | None
    fix: str | None


class ValidationPublic(BaseModel):
    """Every problem of the library after the change; `valid` when there is no error.

    Errors anywhere in the library are listed; warnings only for the files sent.
    """

    valid: bool
    files: list[str]
    errors: list[ProblemItemPublic]
    warnings: list[ProblemItemPublic]


class ScenarioPublic(BaseModel):
    """One scenario of the gate; a failed one names its first failing step."""

    feature: str
    scenario: str
    status: str
    step: str | None = None
    error: str | None = None


class GatePublic(BaseModel):
    """What ran before the new version went live."""

    passed: bool
    processes: list[str]
    features: list[str]
    untested: list[str]
    scenarios_run: int
    failed: list[ScenarioPublic]
    seconds: float
    problem: str | None = None
    skipped: str | None = None


class VersionPublic(BaseModel):
    """One deployed version of a process."""

    process_id: str
    version: int
    name: str
    content_hash: str
    deployed_at: datetime
    deployed_by: str
    open_cases: int = 0


class VersionsPublic(BaseModel):
    """Every version of a process, newest first."""

    data: list[VersionPublic]


class DeploymentErrorPublic(BaseModel):
    """Why a deployment job deployed nothing, as a problem response would say it."""

    model_config = ConfigDict(extra="allow")
    status: int
    title: str
    detail: str
    problems: list[ProblemItemPublic] = []


class DeploymentReportPublic(BaseModel):
    """A finished job's report: the versions it created and its gate, or its error (with the
    gate's report when scenarios failed: each failing feature, scenario, step and error)."""

    created: bool | None = None
    deployment_id: int | None = None
    content_hash: str | None = None
    versions: list[VersionPublic] = []
    warnings: list[ProblemItemPublic] = []
    gate: GatePublic | None = None
    error: DeploymentErrorPublic | None = None


class DeploymentJobPublic(BaseModel):
    """A deployment asked for: `queued`, `running` (its scenario gate), `succeeded` or
    `failed`; `report` once it finished."""

    id: int
    state: DeploymentJobState
    requested_by: str
    note: str
    files: list[str]
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    attempts: int
    deployment_id: int | None
    skip_reason: str | None
    report: DeploymentReportPublic | None


class DeploymentJobsPublic(BaseModel):
    """The newest deployment jobs, newest first."""

    data: list[DeploymentJobPublic]


class ElementPublic(BaseModel):
    """An element of a process (or of a sub-process it calls)."""

    process_id: str
    element_id: str
    name: str
    kind: str


class ElementChangePublic(ElementPublic):
    """An element kept under its id, with the aspects that changed."""

    changes: list[str]


class FormChangePublic(BaseModel):
    """A form file added, removed or changed."""

    form: str
    change: str


class DiffPublic(BaseModel):
    """Elements added, removed and changed between two versions of a process."""

    process_id: str
    from_version: int
    to_version: int
    added: list[ElementPublic]
    removed: list[ElementPublic]
    changed: list[ElementChangePublic]
    forms: list[FormChangePublic]


class MigrationIssuePublic(BaseModel):
    """Why a case cannot move: the element concerned."""

    process_id: str
    element_id: str | None
    message: str


class CaseMigrationPublic(BaseModel):
    """Whether one open case on an older version can move to the target version."""

    case_id: str
    case_number: str
    from_version: int
    to_version: int
    waiting_at: list[str]
    can_migrate: bool
    issues: list[MigrationIssuePublic]
    notes: list[str]


class MigrationPreviewPublic(BaseModel):
    """Every open case on an older version, and whether it can move."""

    process_id: str
    to_version: int
    data: list[CaseMigrationPublic]
    movable: int


CaseId = Annotated[str, Field(pattern=ID_PATTERN)]


class MigrationCreate(BaseModel):
    """Cases to move to a version of their process: all of them, or none."""

    model_config = ConfigDict(extra="forbid")
    to: int = Field(ge=1, le=1_000_000)
    case_ids: list[CaseId] = Field(min_length=1, max_length=500)


class MigratedTaskPublic(BaseModel):
    """A task open on a moved case."""

    id: str
    bpmn_id: str
    name: str
    agency: str | None


class MigratedCasePublic(BaseModel):
    """A case that moved."""

    case_id: str
    case_number: str
    from_version: int
    to_version: int
    open_tasks: list[MigratedTaskPublic]
    notes: list[str]


class MigrationPublic(BaseModel):
    """Every case one migration moved."""

    process_id: str
    to_version: int
    cases: list[MigratedCasePublic]
