"""Report a presumed victim: the report form of `nrm_case`, for first-responder agencies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import uuid4

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from api.deps import EngineDep
from api.routes.common import run_step
from api.schemas import CaseCreate
from api.services import cases
from api.services.policy import Caller, starting_agency
from engine.errors import InvalidDataError, NrmError
from engine.facade import Engine
from forms import drafts, fielderrors, formview
from forms.formview import Raw
from forms.web.deps import PostedForm, WebUser
from forms.web.expiry import keeps_typed
from forms.web.render import page, session_of, translator
from forms.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)
CASE_PROCESS = "nrm_case"


def _report_page(
    request: Request,
    schema: Mapping[str, Any] | None,
    values: dict[str, Raw],
    *,
    errors: dict[str, str] | None = None,
    general: list[str] | None = None,
    status: int = 200,
    submission: str | None = None,
) -> Response:
    return page(
        request,
        "report.html",
        status=status,
        schema=schema or {},
        sections=formview.build(schema, values, errors),
        errors=errors or {},
        general=general or [],
        submission=submission or uuid4().hex,
    )


@router.get("/report")
def report_form(request: Request, engine: EngineDep, caller: WebUser) -> Response:
    """The report form: empty, or with what the user typed before their sign-in ended."""
    starting_agency(caller)
    kept = drafts.take_report(engine=engine, username=caller.username)
    return _report_page(request, engine.start_form(CASE_PROCESS), kept or {})


async def keep_report_form(request: Request, owner: Caller) -> str | None:
    """A report posted after its sign-in ended, kept for its author (who may report)."""
    form = await request.form()
    sent = form.get("csrf_token")
    if not session_of(request).csrf_matches(sent if isinstance(sent, str) else None):
        return None
    engine: Engine = request.app.state.engine
    return await run_in_threadpool(_keep_report, engine, owner, form)


def _keep_report(engine: Engine, owner: Caller, form: FormData) -> str | None:
    try:
        starting_agency(owner)
    except NrmError:
        return None
    values = formview.raw_values(engine.start_form(CASE_PROCESS), form.getlist)
    drafts.keep_report(engine=engine, username=owner.username, values=values)
    return "/report"


@router.post("/report")
@keeps_typed(keep_report_form)
def report(request: Request, form: PostedForm, engine: EngineDep, caller: WebUser) -> Response:
    """Start the case; the user's agency is the reporting agency."""
    starting_agency(caller)
    schema = engine.start_form(CASE_PROCESS)
    values = formview.raw_values(schema, form.getlist)
    data = formview.parse(schema, values)
    submission = str(form.get("submission") or "")[:100] or None
    try:
        _status, step = run_step(
            request.app,
            cases.start,
            for_case=None,
            caller=caller,
            body=CaseCreate(process_id=CASE_PROCESS, data=data),
            idempotency_key=submission,
        )
    except InvalidDataError as exc:
        per_field, general = fielderrors.localise(translator(request), schema, exc.errors)
        return _report_page(
            request,
            schema,
            values,
            errors=per_field,
            general=general,
            status=422,
            submission=submission,
        )
    session_of(request).update(
        flash={
            "kind": "reported",
            "case_number": step.case.number,
            "next": [{"title": t.title, "agency": t.agency} for t in step.opened],
        }
    )
    return RedirectResponse(f"/cases/{step.case.id}", status_code=303)
