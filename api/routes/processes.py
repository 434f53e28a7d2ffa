"""Deployed processes and their diagrams."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.deps import CurrentUser, EngineDep
from api.routes.common import problems
from api.schemas import PROCESS_ID_PATTERN, ProcessesPublic
from api.services import processes

router = APIRouter(tags=["processes"])
# An SVG is a document that could carry script: forbid everything but its own styles.
SVG_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
}


@router.get("/processes", response_model=ProcessesPublic, responses=problems(401, 403))
def list_processes(engine: EngineDep, caller: CurrentUser) -> ProcessesPublic:
    """The newest version of every deployed process."""
    return processes.list_latest(engine=engine, caller=caller)


@router.get(
    "/processes/{process_id}/diagram.svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}, **problems(401, 403, 404, 422)},
)
def read_diagram(
    process_id: Annotated[str, Path(pattern=PROCESS_ID_PATTERN)],
    engine: EngineDep,
    caller: CurrentUser,
) -> Response:
    """The newest version's BPMN diagram as SVG."""
    svg = processes.diagram(engine=engine, caller=caller, process_id=process_id)
    return Response(svg, media_type="image/svg+xml", headers=SVG_HEADERS)
