"""Page dependencies: the signed-in user from the session, a CSRF-checked form, and the
API's own task and case loaders (404 unknown, 403 another agency's) for that user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request
from starlette.datastructures import FormData

from api.deps import EngineDep, SettingsDep, TaskContext, load_case, load_task
from api.errors import NotAuthenticatedError
from api.security import authenticate
from api.services.policy import Caller
from engine.db import read_session
from engine.errors import ForbiddenError
from engine.models import Case
from forms.web import sliding
from forms.web.render import session_of
from forms.web.routing import SessionExpired, SignInRequired


class CsrfError(ForbiddenError):
    """A form was posted without this session's CSRF token."""

    title = "Form expired"


def current_user(request: Request, engine: EngineDep, settings: SettingsDep) -> Caller:
    """The signed-in user (their token renewed past half its life); without one the page
    redirects to the sign-in page."""
    session = session_of(request)
    token = session.token
    if not token:
        raise SignInRequired("Sign in first.")
    try:
        with read_session(engine.db) as db_session:
            caller = authenticate(
                session=db_session,
                settings=settings,
                token=token,
                now=engine.clock.now(),
            )
    except NotAuthenticatedError as exc:
        session.drop_token()
        raise SessionExpired("The sign-in has expired.", token) from exc
    sliding.slide(engine, settings, session, caller)
    request.state.caller = caller
    return caller


WebUser = Annotated[Caller, Depends(current_user)]


async def checked_form(request: Request) -> FormData:
    """The posted form, if it carries this session's CSRF token (else 403)."""
    form = await request.form()
    sent = form.get("csrf_token")
    if not session_of(request).csrf_matches(sent if isinstance(sent, str) else None):
        raise CsrfError("The form is out of date; open the page again and resend it.")
    return form


PostedForm = Annotated[FormData, Depends(checked_form)]


def web_task(task_id: Annotated[str, Path()], engine: EngineDep, caller: WebUser) -> TaskContext:
    """A task of the user's agency (the API's loader)."""
    return load_task(task_id, engine, caller)


def web_task_to_read(
    task_id: Annotated[str, Path()], engine: EngineDep, caller: WebUser
) -> TaskContext:
    """A task of the user's agency, or one escalated to the user's rung (read-only)."""
    return load_task(task_id, engine, caller, reading=True)


def web_case(case_id: Annotated[str, Path()], engine: EngineDep, caller: WebUser) -> Case:
    """A case the user's agency takes part in (the API's loader)."""
    return load_case(case_id, engine, caller)


TaskPage = Annotated[TaskContext, Depends(web_task)]
ReadableTaskPage = Annotated[TaskContext, Depends(web_task_to_read)]
CasePage = Annotated[Case, Depends(web_case)]
