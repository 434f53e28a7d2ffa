"""Engine results of policy work -> API models (no queries here)."""

from __future__ import annotations

from api.process_schemas import (
    CaseMigrationPublic,
    DeploymentJobPublic,
    DeploymentReportPublic,
    DiffPublic,
    ElementChangePublic,
    ElementPublic,
    FormChangePublic,
    GatePublic,
    MigratedCasePublic,
    MigratedTaskPublic,
    MigrationIssuePublic,
    MigrationPublic,
    ProblemItemPublic,
    ScenarioPublic,
    VersionPublic,
)
from engine.deployjobs import JobView
from engine.errors import Problem
from engine.migration import CaseMigrationPreview, MigrationResult
from engine.models import DeploymentJobState, ProcessVersion
from engine.scenario_gate import GateReport
from engine.versions import VersionDiff, VersionInfo


def problem(p: Problem) -> ProblemItemPublic:
    """One validation problem."""
    return ProblemItemPublic(**p.as_dict())


def gate(report: GateReport) -> GatePublic:
    """The scenario gate's report."""
    return GatePublic(
        passed=report.passed,
        processes=list(report.processes),
        features=list(report.features),
        untested=list(report.untested),
        scenarios_run=len(report.scenarios),
        failed=[ScenarioPublic(**s.as_dict()) for s in report.failed],
        seconds=round(report.seconds, 1),
        problem=report.problem,
        skipped=report.skipped,
    )


def version(v: VersionInfo | ProcessVersion) -> VersionPublic:
    """One version (with its open cases; a just-deployed one has none yet)."""
    return VersionPublic(
        process_id=v.process_id,
        version=v.version,
        name=v.name,
        content_hash=v.content_hash,
        deployed_at=v.deployed_at,
        deployed_by=v.deployed_by,
        open_cases=getattr(v, "open_cases", 0),
    )


def deployment_job(job: JobView) -> DeploymentJobPublic:
    """A deployment job and, once it finished, its report."""
    return DeploymentJobPublic(
        id=job.id,
        state=DeploymentJobState(job.state),
        requested_by=job.requested_by,
        note=job.note,
        files=list(job.files),
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        attempts=job.attempts,
        deployment_id=job.deployment_id,
        skip_reason=job.skip_reason,
        report=DeploymentReportPublic.model_validate(job.report) if job.report else None,
    )


def diff(d: VersionDiff) -> DiffPublic:
    """Elements added, removed and changed between two versions."""
    return DiffPublic(
        process_id=d.process_id,
        from_version=d.from_version,
        to_version=d.to_version,
        added=[ElementPublic(**vars(e)) for e in d.added],
        removed=[ElementPublic(**vars(e)) for e in d.removed],
        changed=[ElementChangePublic(**{**vars(c), "changes": list(c.changes)}) for c in d.changed],
        forms=[FormChangePublic(form=f.form, change=f.change) for f in d.forms],
    )


def case_migration(p: CaseMigrationPreview) -> CaseMigrationPublic:
    """Whether one case can move."""
    return CaseMigrationPublic(
        case_id=p.case_id,
        case_number=p.case_number,
        from_version=p.from_version,
        to_version=p.to_version,
        waiting_at=list(p.waiting_at),
        can_migrate=p.can_migrate,
        issues=[MigrationIssuePublic(**vars(i)) for i in p.issues],
        notes=list(p.notes),
    )


def migration(process_id: str, result: MigrationResult) -> MigrationPublic:
    """The cases one migration moved, with the tasks open on them."""
    return MigrationPublic(
        process_id=process_id,
        to_version=result.to_version,
        cases=[
            MigratedCasePublic(
                case_id=c.case_id,
                case_number=c.case_number,
                from_version=c.from_version,
                to_version=c.to_version,
                open_tasks=[
                    MigratedTaskPublic(id=t.id, bpmn_id=t.bpmn_id, name=t.name, agency=t.agency)
                    for t in c.open_tasks
                ],
                notes=list(c.notes),
            )
            for c in result.cases
        ],
    )
