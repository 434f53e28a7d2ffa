"""Deployed processes and their diagrams; validating, deploying and versioning them, and
moving open cases to a new version (policy staff)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile

from api.deps import CurrentUser, EngineDep
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
from api.routes.common import problems
from api.schemas import PROCESS_ID_PATTERN, ProcessesPublic
from api.services import processes

router = APIRouter(tags=["processes"])
# An SVG is a document that could carry script: forbid everything but its own styles.
SVG_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
}
SVG_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {"image/svg+xml": {}}}}
ProcessId = Annotated[str, Path(pattern=PROCESS_ID_PATTERN)]
VersionNumber = Annotated[int, Query(ge=1, le=1_000_000)]
Uploads = Annotated[
    list[UploadFile],
    File(description="Diagrams (.bpmn), decision tables (.dmn), forms (.json), features"),
]


def _why(code: int, text: str) -> dict[int | str, dict[str, Any]]:
    """`problems(code)` with a description of what the status means on this route."""
    response = problems(code)
    response[code] = {**response[code], "description": text}
    return response


def _read(files: list[UploadFile]) -> list[tuple[str, bytes]]:
    return [(f.filename or "", f.file.read()) for f in files]


def svg(document: str) -> Response:
    """An SVG response that cannot run script."""
    return Response(document, media_type="image/svg+xml", headers=SVG_HEADERS)


@router.get("/processes", response_model=ProcessesPublic, responses=problems(401, 403))
def list_processes(engine: EngineDep, caller: CurrentUser) -> ProcessesPublic:
    """The newest version of every deployed process."""
    return processes.list_latest(engine=engine, caller=caller)


@router.post(
    "/processes/validate",
    response_model=ValidationPublic,
    responses=problems(401, 403, 413, 422),
)
def validate_processes(files: Uploads, engine: EngineDep, caller: CurrentUser) -> ValidationPublic:
    """Every problem (errors and warnings, with file, line, element and fix) of the library
    with these files in place. The report is the result: 200 even when there are errors;
    422 only when the upload itself is unusable (bad file names or kinds)."""
    return processes.validate(engine=engine, caller=caller, uploads=_read(files))


@router.post(
    "/processes",
    status_code=202,
    response_model=DeploymentJobPublic,
    responses={
        **problems(401, 403, 413),
        **_why(422, "Invalid files (`problems`): nothing was queued"),
    },
)
def deploy_processes(
    files: Uploads,
    engine: EngineDep,
    caller: CurrentUser,
    request: Request,
    response: Response,
    note: Annotated[str, Form(max_length=500)] = "",
) -> DeploymentJobPublic:
    """Validate the library with these files in place (an invalid one is refused at once:
    422 with every problem, nothing queued) and queue its deployment: 202 with the job and
    its address (`Location`). A runner then runs the feature files of every process the
    change affects against the new version and deploys it; `GET
    /processes/deployments/{id}` shows the job's state and, once it finished, its report:
    the new versions, or the failing scenarios (feature, scenario, step, error) and nothing
    deployed. A `.feature` file sent along replaces the repository's for that process."""
    job = processes.deploy(engine=engine, caller=caller, uploads=_read(files), note=note)
    wake_deployment_runner(request)
    response.headers["Location"] = request.app.url_path_for("read_deployment", job_id=job.id)
    return job


@router.get(
    "/processes/deployments",
    response_model=DeploymentJobsPublic,
    responses=problems(401, 403, 422),
)
def list_deployments(
    engine: EngineDep,
    caller: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> DeploymentJobsPublic:
    """The newest deployment jobs, newest first, each with its state and report."""
    return processes.deployment_jobs(engine=engine, caller=caller, limit=limit)


@router.get(
    "/processes/deployments/{job_id}",
    response_model=DeploymentJobPublic,
    responses=problems(401, 403, 404, 422),
)
def read_deployment(
    job_id: Annotated[int, Path(ge=1)], engine: EngineDep, caller: CurrentUser
) -> DeploymentJobPublic:
    """A deployment job: `queued`, `running`, `succeeded` or `failed`, and its report once it
    finished."""
    return processes.deployment_job(engine=engine, caller=caller, job_id=job_id)


def wake_deployment_runner(request: Request) -> None:
    """Tell this server's deployment runner (when it has one) that a job waits."""
    runner = getattr(request.app.state, "deployment_runner", None)
    if runner is not None:
        runner.wake()


@router.get(
    "/processes/{process_id}/versions",
    response_model=VersionsPublic,
    responses=problems(401, 403, 404, 422),
)
def list_versions(process_id: ProcessId, engine: EngineDep, caller: CurrentUser) -> VersionsPublic:
    """Every version of the process, newest first: hash, who deployed it when, open cases."""
    return processes.list_versions(engine=engine, caller=caller, process_id=process_id)


@router.get(
    "/processes/{process_id}/diff",
    response_model=DiffPublic,
    responses=problems(401, 403, 404, 422),
)
def diff_versions(
    process_id: ProcessId,
    engine: EngineDep,
    caller: CurrentUser,
    from_version: Annotated[int, Query(alias="from", ge=1, le=1_000_000)],
    to_version: Annotated[int, Query(alias="to", ge=1, le=1_000_000)],
) -> DiffPublic:
    """Elements added, removed and changed (name, lane, form, timer, ...) between versions."""
    return processes.diff(
        engine=engine,
        caller=caller,
        process_id=process_id,
        from_version=from_version,
        to_version=to_version,
    )


@router.get(
    "/processes/{process_id}/migration",
    response_model=MigrationPreviewPublic,
    responses=problems(401, 403, 404, 422),
)
def preview_migration(
    process_id: ProcessId, to: VersionNumber, engine: EngineDep, caller: CurrentUser
) -> MigrationPreviewPublic:
    """Every open case on an older version: can it move to version `to` (its open tasks
    exist there), and why not."""
    return processes.migration_preview(
        engine=engine, caller=caller, process_id=process_id, to_version=to
    )


@router.post(
    "/processes/{process_id}/migration",
    response_model=MigrationPublic,
    responses={
        **problems(401, 403, 404, 422),
        **_why(409, "Some cases cannot move (`refused` names each and why); none moved"),
    },
)
def migrate_cases(
    process_id: ProcessId, body: MigrationCreate, engine: EngineDep, caller: CurrentUser
) -> MigrationPublic:
    """Move the chosen cases to version `to` in one audited action: all of them or none."""
    return processes.migrate(engine=engine, caller=caller, process_id=process_id, body=body)


@router.get(
    "/processes/{process_id}/diagram.svg",
    response_class=Response,
    responses={**SVG_RESPONSE, **problems(401, 403, 404, 422)},
)
def read_diagram(
    process_id: ProcessId,
    engine: EngineDep,
    caller: CurrentUser,
    version: VersionNumber | None = None,
    overlay: Literal["coverage"] | None = None,
) -> Response:
    """A version's BPMN diagram as SVG (the newest by default); `overlay=coverage` colours
    what the last scenario run covered (plain when no scenario report is present)."""
    return svg(
        processes.diagram(
            engine=engine,
            caller=caller,
            process_id=process_id,
            version=version,
            coverage=overlay == "coverage",
        )
    )
