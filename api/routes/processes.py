"""Deployed processes and their diagrams; validating, deploying and versioning them, and
moving open cases to a new version (policy staff)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Path, Query, Response, UploadFile

from api.deps import CurrentUser, EngineDep
from api.process_schemas import (
    DeploymentPublic,
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
    status_code=201,
    response_model=DeploymentPublic,
    responses={
        **problems(401, 403, 413),
        **_why(409, "Another deployment changed the library during the check: retry"),
        **_why(422, "Invalid files (`problems`), or failing scenarios (`gate.failed`)"),
        **_why(503, "The scenario gate cannot run on this server"),
    },
)
def deploy_processes(
    files: Uploads,
    engine: EngineDep,
    caller: CurrentUser,
    response: Response,
    note: Annotated[str, Form(max_length=500)] = "",
) -> DeploymentPublic:
    """Validate, run the feature files of every process the change affects against the
    new version, and deploy it: 201 with the new versions and the scenarios that ran (200
    when nothing changed). A failing scenario refuses the whole upload (422 naming the
    scenario and step); nothing is deployed. A `.feature` file sent along replaces the
    repository's for that process."""
    status, body = processes.deploy(engine=engine, caller=caller, uploads=_read(files), note=note)
    response.status_code = status
    return body


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
