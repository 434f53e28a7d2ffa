"""The process library (policy staff): the deployed diagrams and their versions, each drawn;
upload changed files to see the validation report, or deploy them behind the scenario gate (a
queued job whose page shows it wait, run and end, refreshing itself meanwhile)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from sqlalchemy import func
from sqlmodel import col, select
from starlette.datastructures import FormData, UploadFile
from starlette.responses import RedirectResponse, Response

from api.deps import EngineDep
from api.errors import RoleRequiredError
from api.routes.processes import wake_deployment_runner
from api.schemas import PROCESS_ID_PATTERN
from api.services import processes
from api.services.policy import Caller
from engine.db import read_session
from engine.errors import InvalidDiagramError, NrmError
from engine.facade import Engine
from engine.models import Case, CaseStatus, HumanTask, TaskStatus
from forms.web.deps import PostedForm, WebUser
from forms.web.render import page
from forms.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)
LIBRARY_ROLES = frozenset({"policy", "reviewer", "admin"})
# An SVG document could carry script: only its own styles apply.
SVG_HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"}
STATE_KEYS = {
    "queued": "library.job_queued",
    "running": "library.job_running",
    "succeeded": "library.job_succeeded",
    "failed": "library.job_failed",
}
REFRESH_SECONDS = 3
RECENT_JOBS = 5


def require_library(caller: Caller) -> None:
    """The library pages are for policy staff, reviewers and administrators."""
    if not caller.roles & LIBRARY_ROLES:
        raise RoleRequiredError("The process library is for policy staff.")


def process_names(engine: Engine, caller: Caller) -> dict[str, str]:
    """Process id -> its name as drawn (the page shows it in its language), newest versions."""
    found = processes.list_latest(engine=engine, caller=caller).data
    return {p.id: p.name for p in found if p.name}


def cases_in_processes(engine: Engine) -> dict[str, int]:
    """Process id -> how many open cases have an open task in it now. A called SOP runs
    inside the case (`nrm_case`), so its versions' own count of cases started on them stays
    0: this is the number a change to the SOP touches (counts only, no case is named)."""
    with read_session(engine.db) as session:
        rows = session.exec(
            select(col(HumanTask.process_id), func.count(func.distinct(col(HumanTask.case_id))))
            .join(Case, col(Case.id) == col(HumanTask.case_id))
            .where(col(HumanTask.status) == TaskStatus.READY, col(Case.status) == CaseStatus.OPEN)
            .group_by(col(HumanTask.process_id))
        ).all()
    return {process_id: int(n) for process_id, n in rows}


def _library(engine: Engine, caller: Caller) -> list[dict[str, Any]]:
    inside = cases_in_processes(engine)
    return [
        {
            "process": p,
            "cases_inside": inside.get(p.id, 0),
            "versions": processes.list_versions(engine=engine, caller=caller, process_id=p.id).data,
            "svg": processes.diagram(engine=engine, caller=caller, process_id=p.id),
        }
        for p in processes.list_latest(engine=engine, caller=caller).data
    ]


def library_page(
    request: Request, engine: Engine, caller: Caller, *, status: int = 200, **outcome: Any
) -> Response:
    """The library, with the outcome of an upload when there was one."""
    context: dict[str, Any] = {"validation": None, "problems": None, "failure": None}
    context.update(outcome)
    may_upload = bool(caller.roles & {"policy", "reviewer"})
    if may_upload:  # the deployments asked for are for those who check and deploy
        context["jobs"] = processes.deployment_jobs(
            engine=engine, caller=caller, limit=RECENT_JOBS
        ).data
    return page(
        request,
        "library.html",
        status=status,
        processes=_library(engine, caller),
        may_upload=may_upload,
        may_deploy="policy" in caller.roles,
        state_keys=STATE_KEYS,
        **context,
    )


@router.get("/library")
def show_library(request: Request, engine: EngineDep, caller: WebUser) -> Response:
    """Every deployed process with its versions; the newest drawn."""
    require_library(caller)
    return library_page(request, engine, caller)


@router.get("/library/{process_id}/{version}.svg")
def version_diagram(
    process_id: Annotated[str, Path(pattern=PROCESS_ID_PATTERN)],
    version: Annotated[int, Path(ge=1, le=1_000_000)],
    engine: EngineDep,
    caller: WebUser,
) -> Response:
    """One version's diagram as an SVG document."""
    require_library(caller)
    svg = processes.diagram(engine=engine, caller=caller, process_id=process_id, version=version)
    return Response(svg, media_type="image/svg+xml", headers=SVG_HEADERS)


@router.get("/library/deployments/{job_id}")
def show_deployment(
    request: Request,
    job_id: Annotated[int, Path(ge=1)],
    engine: EngineDep,
    caller: WebUser,
) -> Response:
    """A deployment job: waiting, running its scenarios (the page refreshes itself), or done
    with the versions it created or the failing scenarios (feature, scenario, step, error)."""
    require_library(caller)
    job = processes.deployment_job(engine=engine, caller=caller, job_id=job_id)
    return page(
        request,
        "deployment.html",
        job=job,
        process_names=process_names(engine, caller),
        finished=job.state in ("succeeded", "failed"),
        state_keys=STATE_KEYS,
        refresh_seconds=REFRESH_SECONDS,
    )


def uploads_of(form: FormData) -> list[tuple[str, bytes]]:
    """The uploaded files as (name, bytes); an empty file input sends none."""
    return [
        (item.filename, item.file.read())
        for item in form.getlist("files")
        if isinstance(item, UploadFile) and item.filename
    ]


@router.post("/library")
def upload(request: Request, form: PostedForm, engine: EngineDep, caller: WebUser) -> Response:
    """Check the uploaded files (the validation report), or deploy them (policy)."""
    require_library(caller)
    files = uploads_of(form)
    try:
        if form.get("action") == "deploy":
            job = processes.deploy(
                engine=engine, caller=caller, uploads=files, note=str(form.get("note") or "")[:500]
            )
            wake_deployment_runner(request)
            return RedirectResponse(f"/library/deployments/{job.id}", status_code=303)
        report = processes.validate(engine=engine, caller=caller, uploads=files)
        return library_page(request, engine, caller, validation=report)
    except InvalidDiagramError as exc:
        problems = [p.as_dict() for p in exc.problems]
        return library_page(request, engine, caller, status=422, problems=problems)
    except RoleRequiredError:
        raise
    except NrmError as exc:
        return library_page(request, engine, caller, status=exc.status, failure=exc.message)
