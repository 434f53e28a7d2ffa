"""One process of the library (policy staff, reviewers): its versions, what changed between
two of them, and its open cases on older versions — which can move to the newest and why
not — with the move itself for policy staff. The same services as the API's
`/processes/{id}/diff` and `/processes/{id}/migration`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import ValidationError
from starlette.responses import RedirectResponse, Response

from api.deps import EngineDep
from api.process_schemas import MigrationCreate
from api.schemas import PROCESS_ID_PATTERN
from api.services import processes
from api.services.policy import Caller
from engine.db import read_session
from engine.errors import MigrationRefusedError
from engine.facade import Engine
from forms.web.deps import PostedForm, WebUser
from forms.web.library import cases_in_processes, process_names, require_library
from forms.web.render import page, session_of
from forms.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)
ProcessId = Annotated[str, Path(pattern=PROCESS_ID_PATTERN)]
VersionQuery = Annotated[int | None, Query(ge=1, le=1_000_000)]
CHECKERS = frozenset({"policy", "reviewer"})


def _compared(versions: list[int], asked_from: int | None, asked_to: int | None) -> tuple[int, int]:
    """The versions to compare: as asked, else the one before the newest and the newest."""
    newest = versions[0]
    before = versions[1] if len(versions) > 1 else newest
    return asked_from or before, asked_to or newest


def element_names(engine: Engine, process_id: str) -> dict[str, str]:
    """Element id -> name, in the newest version of a process and what it calls."""
    with read_session(engine.db) as session:
        bundle = engine.library.latest(session, process_id).bundle
    return {bpmn_id: info.name for (_p, bpmn_id), info in bundle.tasks.items() if info.name}


def process_page(
    request: Request,
    engine: Engine,
    caller: Caller,
    process_id: str,
    *,
    compare: tuple[int | None, int | None] = (None, None),
    status: int = 200,
    **outcome: Any,
) -> Response:
    """The page of one process, with the outcome of a migration when there was one."""
    versions = processes.list_versions(engine=engine, caller=caller, process_id=process_id).data
    numbers = [v.version for v in versions]
    shown_from, shown_to = _compared(numbers, *compare)
    diff = None
    if shown_from != shown_to:
        diff = processes.diff(
            engine=engine,
            caller=caller,
            process_id=process_id,
            from_version=shown_from,
            to_version=shown_to,
        )
    preview, names = None, {}
    if caller.roles & CHECKERS:
        preview = processes.migration_preview(
            engine=engine, caller=caller, process_id=process_id, to_version=numbers[0]
        )
        names = element_names(engine, process_id)
    moved = session_of(request).data.get("moved")
    context: dict[str, Any] = {"refused": None, "none_chosen": False, "moved": moved}
    session_of(request).update(moved=None)
    context.update(outcome)
    return page(
        request,
        "library_process.html",
        status=status,
        process_id=process_id,
        name=versions[0].name,
        versions=versions,
        cases_inside=cases_in_processes(engine).get(process_id, 0),
        shown=(shown_from, shown_to),
        diff=diff,
        preview=preview,
        may_migrate="policy" in caller.roles,
        element_names=names,
        process_names=process_names(engine, caller),
        **context,
    )


@router.get("/library/{process_id}")
def show_process(
    request: Request,
    process_id: ProcessId,
    engine: EngineDep,
    caller: WebUser,
    from_version: Annotated[int | None, Query(alias="from", ge=1, le=1_000_000)] = None,
    to: VersionQuery = None,
) -> Response:
    """A process's versions, the difference between two, and its cases that can move."""
    require_library(caller)
    return process_page(request, engine, caller, process_id, compare=(from_version, to))


@router.post("/library/{process_id}/migration")
def migrate(
    request: Request, process_id: ProcessId, form: PostedForm, engine: EngineDep, caller: WebUser
) -> Response:
    """Move the chosen open cases to a version, all or none (policy staff; audited)."""
    require_library(caller)
    try:
        asked = {"to": form.get("to"), "case_ids": form.getlist("case_ids")}
        body = MigrationCreate.model_validate(asked)
    except ValidationError:
        return process_page(request, engine, caller, process_id, status=422, none_chosen=True)
    try:
        result = processes.migrate(engine=engine, caller=caller, process_id=process_id, body=body)
    except MigrationRefusedError as exc:
        refused = exc.fields.get("refused") or {}
        return process_page(request, engine, caller, process_id, status=409, refused=refused)
    moved = {"to": result.to_version, "cases": [c.case_number for c in result.cases]}
    session_of(request).update(moved=moved)
    return RedirectResponse(f"/library/{process_id}#migration", status_code=303)
