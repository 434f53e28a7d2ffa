"""Page routes: load the session, turn errors into pages, add the session cookie and
security headers. A page route never answers with problem+json or a stack trace."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from api.admission import RETRY_AFTER_S
from api.errors import NotAuthenticatedError
from engine.config import Settings
from engine.errors import NrmError
from forms.web import expiry
from forms.web import session as web_session
from forms.web.render import page

log = logging.getLogger("forms.web")
Handler = Callable[[Request], Coroutine[Any, Any, Response]]
# Pages may hold personal data: never cached, never framed; only our own scripts run.
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}
_ERROR_KEYS = {400: "bad_request", 403: "forbidden", 404: "not_found", 409: "conflict"}


class SignInRequired(NotAuthenticatedError):
    """A page that needs a signed-in user was asked for without one."""


class SessionExpired(SignInRequired):
    """The session's sign-in has ended (its token expired or was revoked)."""

    def __init__(self, message: str, token: str) -> None:
        super().__init__(message)
        self.token = token


class PageRoute(APIRoute):
    """An APIRoute whose errors become HTML pages and redirects."""

    def get_route_handler(self) -> Handler:
        """The route's handler wrapped with session and error handling."""
        original = super().get_route_handler()

        async def handle(request: Request) -> Response:
            settings: Settings = request.app.state.settings
            session = web_session.load(request, settings)
            request.state.web_session = session
            try:
                response = await original(request)
            except SessionExpired as exc:
                response = await expiry.after_expiry(request, exc.token, self.endpoint)
            except SignInRequired:
                response = expiry.to_sign_in(request)
            except NrmError as exc:
                response = error_page(request, exc.status, type(exc).__name__)
            except RequestValidationError:
                response = error_page(request, 400, "RequestValidationError")
            except DataError:
                response = error_page(request, 400, "DataError")
            except OperationalError:
                log.error("database unavailable on %s", request.url.path)
                response = error_page(request, 503, "OperationalError")
            except PoolTimeoutError:
                log.error("no database connection free on %s", request.url.path)
                response = error_page(request, 503, "ServerBusy")
            web_session.save(response, session, settings)
            response.headers.update(HEADERS)
            return response

        return handle


def error_page(request: Request, status: int, kind: str) -> Response:
    """A calm error page: what happened in the user's words, and where to go (a 503 says
    when to try again: `Retry-After`)."""
    generic = _ERROR_KEYS.get(status, "other")
    response = page(request, "error.html", status=status, kind=kind, generic=generic, code=status)
    if status == 503:
        response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


def busy_page(scope: Scope) -> Response:
    """The page a request gets when the server's queue is full (api.admission), in the
    language of the user's session."""
    request = Request(scope)
    request.state.web_session = web_session.load(request, request.app.state.settings)
    response = error_page(request, 503, "ServerBusy")
    response.headers.update(HEADERS)
    return response
