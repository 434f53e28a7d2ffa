"""Deployed processes for everyone who reads them, and the policy staff's work on them:
validate, deploy behind the scenario gate (a queued job), versions, differences, migration of
open cases, diagrams (of any version, with scenario coverage; a case's own).

Keyword-only functions on the engine facade, free of HTTP, shared with the web pages.
Uploaded files come in as (file name, bytes) pairs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from api.process_schemas import (
    DeploymentJobPublic,
    DeploymentJobsPublic,
    DiffPublic,
    MigrationCreate,
    MigrationPreviewPublic,
    MigrationPublic,
    ValidationPublic,
    VersionsPublic,
)
from api.schemas import ProcessesPublic, ProcessPublic
from api.services import process_shaping as shape
from api.services.policy import (
    Caller,
    require_policy,
    require_process_checker,
    require_process_reader,
)
from engine.db import read_session
from engine.errors import FieldError, InvalidDataError, InvalidDiagramError, Problem
from engine.facade import Engine
from engine.models import Case
from engine.sources import KINDS, SourceFile

MAX_FILES = 50
FEATURE = ".feature"
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$")
Upload = tuple[str, bytes]


def list_latest(*, engine: Engine, caller: Caller) -> ProcessesPublic:
    """The newest version of every deployed process."""
    require_process_reader(caller)
    data = [
        ProcessPublic(id=p.process_id, name=p.name, version=p.version, deployed_at=p.deployed_at)
        for p in engine.processes()
    ]
    return ProcessesPublic(data=data, count=len(data))


def diagram(
    *,
    engine: Engine,
    caller: Caller,
    process_id: str,
    version: int | None = None,
    coverage: bool = False,
) -> str:
    """A version's diagram (the newest by default) as SVG; with `coverage`, coloured by
    what the scenarios take (from the last scenario report, when there is one)."""
    require_process_reader(caller)
    report = engine.settings.reports_dir / "scenarios.json"
    text = report.read_text(encoding="utf-8") if coverage and report.is_file() else None
    return engine.process_diagram(process_id, version=version, coverage=text)


def case_diagram(*, engine: Engine, case: Case, process_id: str | None = None) -> str:
    """A case's diagram on its own version (the caller was authorised for the case)."""
    return engine.case_diagram(case.id, process_id)


def split_uploads(uploads: Sequence[Upload]) -> tuple[list[SourceFile], dict[str, bytes]]:
    """Library files and feature files from an upload; InvalidDiagramError names each bad
    file (no folder, a known kind, each name once, at most MAX_FILES)."""
    problems = [_name_problem(name) for name, _ in uploads]
    seen: set[str] = set()
    for name, _ in uploads:
        if name in seen:
            problems.append(Problem(f"{name} is sent twice.", file=name, code="upload"))
        seen.add(name)
    if len(uploads) > MAX_FILES:
        problems.append(Problem(f"At most {MAX_FILES} files at once.", code="upload"))
    found = [p for p in problems if p is not None]
    if not uploads or found:
        raise InvalidDiagramError(
            "The upload cannot be checked.",
            problems=found or [Problem("Send at least one file.", code="upload")],
        )
    features = {n: c for n, c in uploads if n.endswith(FEATURE)}
    return [SourceFile(n, c) for n, c in uploads if n not in features], features


def _name_problem(name: str) -> Problem | None:
    if not _NAME.match(name):
        return Problem(f"{name[:80]!r} is not a plain file name.", file=name[:255], code="upload")
    if not name.endswith(FEATURE) and SourceFile(name, b"").kind is None:
        kinds = ", ".join([*KINDS, FEATURE])
        return Problem(f"{name} is none of {kinds}.", file=name, code="upload")
    return None


def validate(*, engine: Engine, caller: Caller, uploads: Sequence[Upload]) -> ValidationPublic:
    """Every problem of the library with the uploaded files in place of the deployed ones."""
    require_process_checker(caller)
    files, _features = split_uploads(uploads)
    report, _bundle = engine.library.validate(engine.candidate(files))
    sent = sorted(f.name for f in files)
    return ValidationPublic(
        valid=not report.errors,
        files=sent,
        errors=[shape.problem(p) for p in report.errors],
        warnings=[shape.problem(p) for p in report.warnings if p.file in sent],
    )


def deploy(
    *, engine: Engine, caller: Caller, uploads: Sequence[Upload], note: str = ""
) -> DeploymentJobPublic:
    """Check the library with the uploaded files in place (an invalid one is refused now,
    422, and nothing is queued) and queue its deployment: a runner runs the scenarios of the
    changed processes and deploys (the job's report says what went live, or which scenario
    failed). Uploaded features replace the repository's for that run."""
    require_policy(caller)
    files, features = split_uploads(uploads)
    if not files:
        raise InvalidDiagramError("Send at least one .bpmn, .dmn or form .json file.")
    job = engine.queue_deployment(files, requested_by=caller.username, note=note, features=features)
    return shape.deployment_job(job)


def deployment_job(*, engine: Engine, caller: Caller, job_id: int) -> DeploymentJobPublic:
    """A deployment job: its state, and its report once it finished."""
    require_process_checker(caller)
    return shape.deployment_job(engine.deployment_job(job_id))


def deployment_jobs(*, engine: Engine, caller: Caller, limit: int = 20) -> DeploymentJobsPublic:
    """The newest deployment jobs, newest first."""
    require_process_checker(caller)
    return DeploymentJobsPublic(
        data=[shape.deployment_job(j) for j in engine.deployment_jobs(limit)]
    )


def list_versions(*, engine: Engine, caller: Caller, process_id: str) -> VersionsPublic:
    """Every version of a process, newest first, with who deployed it and its open cases."""
    require_process_reader(caller)
    return VersionsPublic(data=[shape.version(v) for v in engine.process_versions(process_id)])


def diff(
    *, engine: Engine, caller: Caller, process_id: str, from_version: int, to_version: int
) -> DiffPublic:
    """Elements added, removed and changed between two versions."""
    require_process_reader(caller)
    return shape.diff(engine.diff_versions(process_id, from_version, to_version))


def migration_preview(
    *, engine: Engine, caller: Caller, process_id: str, to_version: int
) -> MigrationPreviewPublic:
    """Every open case on an older version: can it move to `to_version`, and why not."""
    require_process_checker(caller)
    previews = engine.migration_preview(process_id, to_version)
    return MigrationPreviewPublic(
        process_id=process_id,
        to_version=to_version,
        data=[shape.case_migration(p) for p in previews],
        movable=sum(p.can_migrate for p in previews),
    )


def migrate(
    *, engine: Engine, caller: Caller, process_id: str, body: MigrationCreate
) -> MigrationPublic:
    """Move the chosen open cases of the process to a version, all or none (audited)."""
    require_policy(caller)
    _require_cases_of(engine, process_id, body.case_ids)
    result = engine.migrate_cases(body.case_ids, body.to, actor=caller.username)
    return shape.migration(process_id, result)


def _require_cases_of(engine: Engine, process_id: str, case_ids: Sequence[str]) -> None:
    """Each id names a case of this process (else 422 naming the ids)."""
    with read_session(engine.db) as session:
        errors = [
            FieldError(f"case_ids/{i}", f"No case of {process_id} has the id {case_id}.")
            for i, case_id in enumerate(case_ids)
            if (case := session.get(Case, case_id)) is None or case.process_id != process_id
        ]
    if errors:
        raise InvalidDataError(f"{len(errors)} case id(s) are not cases of {process_id}.", errors)
