"""The one place errors become HTTP problem responses (RFC 9457, application/problem+json).

Every NrmError maps by its own status and title; request validation names each field;
anything unexpected is a 500 without internals (and is logged without request data).
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.admission import RETRY_AFTER_S
from api.errors import LockedOutError, NotAuthenticatedError, ServiceUnavailableError
from engine.errors import FieldError, InvalidDataError, InvalidDiagramError, NrmError

log = logging.getLogger("api.problems")

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://nrm.example/problems/"
# Extension members an error's fields may not overwrite.
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
_RESERVED = frozenset({"type", "title", "status", "detail", "instance", "errors"})


def problem_type(title: str) -> str:
    """A stable problem type URI from a title: `Task not open` -> .../task-not-open."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return TYPE_BASE + (slug or "problem")


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    extra: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """A problem+json response."""
    body: dict[str, Any] = {
        k: v for k, v in (extra or {}).items() if k not in _RESERVED or k == "errors"
    }
    body.update(type=problem_type(title), title=title, status=status, detail=detail)
    return JSONResponse(
        jsonable_encoder(body), status_code=status, media_type=PROBLEM_JSON, headers=headers
    )


def nrm_error_response(exc: NrmError) -> JSONResponse:
    """The problem response of one of the project's errors."""
    extra: dict[str, Any] = {k: v for k, v in exc.details().items() if k not in _RESERVED}
    headers: dict[str, str] = {}
    if isinstance(exc, InvalidDataError):
        extra["errors"] = [_field_error(e) for e in exc.errors]
    if isinstance(exc, InvalidDiagramError):
        extra["problems"] = [p.as_dict() for p in exc.problems]
    if isinstance(exc, NotAuthenticatedError):
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, LockedOutError):
        headers["Retry-After"] = str(exc.retry_after)
    if isinstance(exc, ServiceUnavailableError):
        headers["Retry-After"] = str(RETRY_AFTER_S)
    return problem(exc.status, exc.title, exc.message, extra=extra, headers=headers)


def _field_error(error: FieldError) -> dict[str, Any]:
    """One field error; `code` (the kind of problem) where the engine gave one, `related`
    (the other fields it is about) where there are any."""
    found: dict[str, Any] = {"field": error.field, "message": error.message}
    if error.code:
        found["code"] = error.code
    if error.related:
        found["related"] = list(error.related)
    return found


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    return "/".join(parts) or "(body)"


async def _on_nrm_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NrmError)
    if exc.status >= 500:
        log.warning("%s (%s)", exc.title, type(exc).__name__)
    return nrm_error_response(exc)


async def _on_validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"field": _field(e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors()
    ]
    count = len(errors)
    return problem(
        422,
        "Invalid data",
        f"{count} field(s) need attention",
        extra={"errors": errors},
    )


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    return problem(exc.status_code, phrase, detail, headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at this path (Starlette names only the first route's:
    `/processes` has one route for GET and another for POST)."""
    allowed = []
    for method in _METHODS:
        probe = {**request.scope, "method": method}
        if any(route.matches(probe)[0] == Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return allowed


async def _on_data_error(request: Request, exc: Exception) -> JSONResponse:
    # The database refused a value (e.g. a NUL character): bad input, never a 500.
    log.info("database refused a value on %s %s (%s)", request.method, _route(request), exc)
    return problem(422, "Invalid data", "A value cannot be stored or searched for.")


async def _on_operational(request: Request, exc: Exception) -> JSONResponse:
    log.error("database unavailable on %s %s: %s", request.method, _route(request), type(exc))
    return unavailable("The database cannot be reached; try again.")


async def _on_pool_timeout(request: Request, _exc: Exception) -> JSONResponse:
    log.error("no database connection free on %s %s", request.method, _route(request))
    return unavailable("The server is busy; try again.")


def unavailable(detail: str) -> JSONResponse:
    """503 with `Retry-After`: the request may be sent again in a moment."""
    headers = {"Retry-After": str(RETRY_AFTER_S)}
    return problem(503, "Service unavailable", detail, headers=headers)


def log_unexpected(method: str, route: str, exc: BaseException) -> None:
    """Log an unexpected error by type and frames only: its message may quote submitted
    values, and logs hold no case data."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error("unexpected %s on %s %s\n%s", type(exc).__name__, method, route, frames)


def _route(request: Request) -> str:
    route = request.scope.get("route")
    return str(getattr(route, "path", request.url.path))


def install(app: FastAPI) -> None:
    """Register the problem handlers on an app."""
    app.add_exception_handler(NrmError, _on_nrm_error)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(DataError, _on_data_error)
    app.add_exception_handler(OperationalError, _on_operational)
    app.add_exception_handler(PoolTimeoutError, _on_pool_timeout)
