"""Sign in, sign out, choose the language, and the home redirect."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import update
from sqlmodel import col
from starlette.responses import RedirectResponse, Response

from api.deps import EngineDep, SettingsDep
from api.errors import BadCredentialsError, LockedOutError
from api.models import ApiToken
from api.security import login
from api.services.policy import Caller
from engine.db import write_session
from engine.facade import Engine
from forms.translate import language
from forms.web import expiry
from forms.web import session as web_session
from forms.web.deps import PostedForm, WebUser
from forms.web.render import page, session_of
from forms.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to go back to (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def home_of(caller: Caller) -> str:
    """Where a user starts: the inbox, the process library, the scenarios, the statistics or
    the accounts."""
    if caller.roles & {"caseworker", "supervisor"} and caller.agency:
        return "/inbox"
    if "policy" in caller.roles:
        return "/library"
    if "admin" in caller.roles:
        return "/users"
    if "reviewer" in caller.roles:
        return "/scenarios"
    if "rapporteur" in caller.roles:
        return "/statistics"
    return "/account"


@router.get("/")
def home(caller: WebUser) -> Response:
    """Send the user to their start page."""
    return RedirectResponse(home_of(caller), status_code=303)


@router.get("/account")
def account(request: Request, caller: WebUser) -> Response:
    """Who is signed in (the start page of users without casework or process pages)."""
    return page(request, "account.html", account=caller)


@router.get("/login")
def login_form(
    request: Request, next_path: Annotated[str | None, Query(alias="next")] = None
) -> Response:
    """The sign-in form."""
    return page(request, "login.html", next_path=safe_next(next_path, ""), error=None, username="")


@router.post("/login")
def sign_in(
    request: Request, form: PostedForm, engine: EngineDep, settings: SettingsDep
) -> Response:
    """Check the password (the API's check and lockout) and start the session."""
    username, password = str(form.get("username") or ""), str(form.get("password") or "")
    next_path = safe_next(str(form.get("next") or ""), "")
    try:
        token = login(
            db=engine.db,
            settings=settings,
            username=username,
            password=password,
            now=engine.clock.now(),
            address=request.client.host if request.client else "",
        )
    except LockedOutError as exc:
        error = ("auth.locked_out", exc.retry_after)
        return page(
            request,
            "login.html",
            status=429,
            next_path=next_path,
            error=error,
            username=username[:200],
        )
    except BadCredentialsError:
        error = ("auth.bad_credentials", 0)
        return page(
            request,
            "login.html",
            status=401,
            next_path=next_path,
            error=error,
            username=username[:200],
        )
    session = session_of(request)
    session.hold(token, engine.clock.now(), fresh_sign_in=True)
    web_session.renew(session)
    back = expiry.restored(session.data, username)
    session.update(kept=None)
    if back is not None:
        session.update(flash={"kind": "restored"})
    return RedirectResponse(back or next_path or "/", status_code=303)


@router.post("/logout")
def sign_out(request: Request, form: PostedForm, engine: EngineDep) -> Response:  # noqa: ARG001
    """End the session and revoke its token."""
    session = session_of(request)
    if session.token:
        revoke(engine, session.token, engine.clock.now())
    session.drop_token()
    session.update(kept=None)
    web_session.renew(session)
    return RedirectResponse("/login", status_code=303)


def revoke(engine: Engine, token: str, now: datetime) -> None:
    """Revoke an API token (its id is the part before the dot)."""
    token_id = token.partition(".")[0]
    with write_session(engine.db) as db:
        db.execute(
            update(ApiToken)
            .where(col(ApiToken.id) == token_id, col(ApiToken.revoked_at).is_(None))
            .values(revoked_at=now)
        )
        db.commit()


@router.post("/language")
def choose_language(request: Request, form: PostedForm) -> Response:
    """Switch the interface language and go back to the page."""
    session_of(request).update(lang=language(str(form.get("lang") or "")))
    return RedirectResponse(safe_next(str(form.get("next") or ""), "/"), status_code=303)
