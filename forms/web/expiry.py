"""A page asked for without a valid sign-in goes to the sign-in page and comes back after it.

A form posted after the sign-in ended is not lost: when the session's token is authentic
(only expired: never one signed out or revoked) and the page route keeps forms
(`keeps_typed`), its keeper stores what was typed (a task's form: as that user's draft),
and after the same user signs in again the page opens with the values restored.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from api.errors import NotAuthenticatedError
from api.security import authenticate
from api.services.policy import Caller
from engine.db import read_session
from forms.web.render import session_of

# Stores a posted form for its (expired) owner; returns the page to come back to, or None.
Keeper = Callable[[Request, Caller], Awaitable[str | None]]
KEEPERS: dict[Callable[..., Any], Keeper] = {}
Endpoint = Callable[..., Any]


def keeps_typed(keeper: Keeper) -> Callable[[Endpoint], Endpoint]:
    """Mark a page route whose posted form `keeper` stores when the sign-in has ended."""

    def mark(endpoint: Endpoint) -> Endpoint:
        KEEPERS[endpoint] = keeper
        return endpoint

    return mark


def to_sign_in(request: Request) -> Response:
    """To the sign-in page, and back to this page (a GET) after it."""
    target = "/login"
    if request.method == "GET" and request.url.path not in ("/", "/login"):
        target += "?next=" + quote(
            request.url.path + (f"?{request.url.query}" if request.url.query else "")
        )
    return RedirectResponse(target, status_code=303)


async def after_expiry(request: Request, token: str, endpoint: Endpoint) -> Response:
    """The sign-in ended: keep a posted form if the route keeps forms, then sign in."""
    session = session_of(request)
    keeper = KEEPERS.get(endpoint)
    owner = None
    if request.method == "POST" and keeper is not None:
        owner = await run_in_threadpool(_owner, request, token)
    back = await keeper(request, owner) if keeper is not None and owner is not None else None
    if back is None or owner is None:
        session.update(flash={"kind": "expired"})
        return to_sign_in(request)
    session.update(kept={"path": back, "username": owner.username}, flash={"kind": "kept"})
    return RedirectResponse("/login?next=" + quote(back), status_code=303)


def _owner(request: Request, token: str) -> Caller | None:
    """Whose authentic, expired token this is (None when unknown, revoked or inactive)."""
    engine = request.app.state.engine
    try:
        with read_session(engine.db) as db_session:
            return authenticate(
                session=db_session,
                settings=request.app.state.settings,
                token=token,
                now=engine.clock.now(),
                expired_ok=True,
            )
    except NotAuthenticatedError:
        return None


def restored(session_data: dict[str, Any], username: str) -> str | None:
    """After a sign-in: the page whose kept form this user gets back (None for another user)."""
    kept = session_data.get("kept")
    if isinstance(kept, dict) and kept.get("username") == username:
        path = kept.get("path")
        return path if isinstance(path, str) and path.startswith("/") else None
    return None
