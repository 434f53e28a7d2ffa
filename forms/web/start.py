"""Report a presumed victim: the report form of `nrm_case`, for first-responder agencies.

A report is sent once: the form carries a one-time token, minted when the form is opened
(`/report` redirects to `/report?t=<token>`), which the server consumes with the case it
opens (the token is the step's idempotency key). The form's address shows "already sent"
once its token is used, so going back and sending again opens no second case. A report that
looks like a person reported recently (api/services/duplicates.py) is held with a warning
linking the earlier case; the reporter sends it anyway only by saying it is someone else.

What was typed is kept for its author (forms/drafts.py, one report per user) whenever it is
not sent: "Save draft", a language button, a refused or held send, a sign-in that ended. The
form opens with it until the report is sent or the author throws the draft away; keeping a
draft never consumes the token, so the report is still sent once.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from api.deps import EngineDep
from api.errors import IdempotencyKeyReusedError
from api.routes.common import run_step
from api.schemas import CaseCreate
from api.services import cases, duplicates
from api.services.policy import Caller, starting_agency
from engine.db import read_session
from engine.errors import FieldError, InvalidDataError, NrmError
from engine.facade import Engine
from engine.forms import field_errors
from engine.workdays import BISHKEK
from forms import drafts, fielderrors, formparse, formview
from forms.formview import Raw
from forms.translate import language
from forms.web.deps import PostedForm, WebUser
from forms.web.expiry import keeps_typed
from forms.web.render import page, session_of, translator
from forms.web.routing import PageRoute
from forms.web.tasks import next_tasks

router = APIRouter(route_class=PageRoute, include_in_schema=False)
CASE_PROCESS = "nrm_case"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# Questions the page always asks, though the form takes a report without them: "Is the
# citizenship known?" decides whether a country is needed (an API report may give the
# country alone), so on the page it is required, with its asterisk (pages review 3, P3-22).
ASKED = ("citizenship_status",)


def page_form(schema: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The report form as the page asks it: `ASKED` required too."""
    if not schema:
        return schema
    required = list(schema.get("required") or [])
    return {**schema, "required": required + [n for n in ASKED if n not in required]}


def _unasked(engine: Engine, schema: Mapping[str, Any] | None, data: dict[str, Any]) -> None:
    """Refuse a report the page sent without an `ASKED` answer, with every other problem."""
    missing = [n for n in ASKED if data.get(n) in (None, "", [])]
    if not schema or not missing:
        return
    today = engine.clock.now().astimezone(BISHKEK).date()
    errors = field_errors(schema, data, today=today)
    errors += [FieldError(n, "This field is required.", "required") for n in missing]
    raise InvalidDataError(f"{len(errors)} field(s) need attention", errors)


def _report_page(
    request: Request,
    schema: Mapping[str, Any] | None,
    values: dict[str, Raw],
    *,
    errors: dict[str, str] | None = None,
    general: list[str] | None = None,
    status: int = 200,
    submission: str,
    similar: list[duplicates.EarlierCase] | None = None,
    draft_saved_at: Any = None,
) -> Response:
    return page(
        request,
        "report.html",
        status=status,
        schema=schema or {},
        sections=formview.build(schema, values, errors),
        errors=errors or {},
        general=general or [],
        submission=submission,
        similar=similar or [],
        draft_saved_at=draft_saved_at,
    )


def _token(value: Any) -> str | None:
    return value if isinstance(value, str) and TOKEN.match(value) else None


@router.get("/report")
def report_form(
    request: Request, engine: EngineDep, caller: WebUser, t: str | None = None
) -> Response:
    """The report form with its one-time token (empty, or with what the user typed before
    their sign-in ended); "already sent" once the token opened a case."""
    starting_agency(caller)
    token = _token(t)
    if token is None:
        return RedirectResponse(f"/report?t={secrets.token_urlsafe(18)}", status_code=303)
    earlier = duplicates.sent(engine=engine, caller=caller, key=token)
    if earlier is not None:
        return page(request, "report_sent.html", case=earlier)
    kept = drafts.report_of(engine=engine, username=caller.username)
    return _report_page(
        request,
        page_form(engine.start_form(CASE_PROCESS)),
        dict(kept.data) if kept else {},
        submission=token,
        draft_saved_at=kept.saved_at if kept else None,
    )


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
    values = formparse.raw_values(engine.start_form(CASE_PROCESS), form.getlist)
    drafts.keep_report(engine=engine, username=owner.username, values=values)
    return "/report"


@router.post("/report")
@keeps_typed(keep_report_form)
def report(request: Request, form: PostedForm, engine: EngineDep, caller: WebUser) -> Response:
    """Start the case; the user's agency is the reporting agency. "Save draft" and a
    language button of the header (it belongs to this form) keep what was typed and open the
    form again, its token unused; "throw the draft away" opens an empty form."""
    starting_agency(caller)
    schema = page_form(engine.start_form(CASE_PROCESS))
    values = formparse.raw_values(schema, form.getlist)
    data = formparse.parse(schema, values)
    submission = _token(form.get("submission"))
    if submission is None:  # a form from before tokens, or tampered with: a fresh one
        submission = secrets.token_urlsafe(18)
    if duplicates.sent(engine=engine, caller=caller, key=submission) is not None:
        # this form was sent already: nothing to keep or send (its address says so)
        if form.get("lang") is not None:
            session_of(request).update(lang=language(str(form.get("lang"))))
        return RedirectResponse(f"/report?t={submission}", status_code=303)
    if form.get("action") == "discard":
        drafts.take_report(engine=engine, username=caller.username)
        return RedirectResponse("/report", status_code=303)
    if form.get("lang") is not None or form.get("action") == "draft":
        if form.get("lang") is not None:  # a language button in the header
            session_of(request).update(lang=language(str(form.get("lang"))))
        drafts.keep_report(engine=engine, username=caller.username, values=values)
        return RedirectResponse(f"/report?t={submission}", status_code=303)
    if form.get("different_person") != "yes":
        with read_session(engine.db) as session:
            similar = duplicates.similar(
                engine=engine, session=session, caller=caller, process_id=CASE_PROCESS, data=data
            )
        if similar:
            duplicates.record_access(engine=engine, caller=caller, earlier=similar)
            # kept too, so that the report comes back on /report whatever the earlier case's
            # link does to this page (it opens in a new tab)
            drafts.keep_report(engine=engine, username=caller.username, values=values)
            return _report_page(
                request, schema, values, status=409, submission=submission, similar=similar
            )
    try:
        _unasked(engine, engine.start_form(CASE_PROCESS), data)
        _status, step = run_step(
            request.app,
            cases.start,
            for_case=None,
            caller=caller,
            body=CaseCreate(process_id=CASE_PROCESS, data=data),
            idempotency_key=submission,
        )
    except IdempotencyKeyReusedError:  # sent a moment ago with other answers
        return RedirectResponse(f"/report?t={submission}", status_code=303)
    except InvalidDataError as exc:
        # kept, so that a closed tab or a lost connection does not lose the corrections to come
        drafts.keep_report(engine=engine, username=caller.username, values=values)
        per_field, general = fielderrors.localise(translator(request), schema, exc.errors, data)
        return _report_page(
            request,
            schema,
            values,
            errors=per_field,
            general=general,
            status=422,
            submission=submission,
        )
    drafts.take_report(engine=engine, username=caller.username)  # sent: nothing to give back
    session_of(request).update(
        flash={
            "kind": "reported",
            "case_number": step.case.number,
            "case_id": step.case.id,
            "next": next_tasks(step),
        }
    )
    return RedirectResponse(f"/cases/{step.case.id}", status_code=303)
