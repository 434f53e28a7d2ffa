"""The two step requests, `POST /api/v1/cases` and `POST /api/v1/tasks/{id}/complete`, served
before FastAPI's request machinery: `NrmApi` is the FastAPI application with that shortcut.

A case is worked by steps: every one of the bench case's eleven requests is one. FastAPI's
per-request machinery (its middleware stack, routing through the included routers,
dependency resolution, body validation) cost about a fifth of the server's CPU on such a
request, more than the request's own reading of the token and the task. Here an ordinary
step is read, authenticated and run by the same functions the FastAPI routes use
(`api.deps.caller_of` and `caller_and_task`; the routes' own `case_start` and `completion`),
and its errors become the same problem responses (the app's own exception handlers).

Only a request that is plainly well formed takes the shortcut: a `Bearer` token, a JSON
content type, a body within the limit that the route's model (`CaseCreate`,
`TaskComplete`) accepts, at most one of each header it reads, and a valid
`Idempotency-Key` if any. Anything else goes to the FastAPI route unchanged (the body
already read is replayed), which gives the 401, 413 and 422 answers; the routes also remain
what OpenAPI documents."""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from pydantic import BaseModel
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from api.deps import caller_and_task, caller_of
from api.middleware import read_body, replay
from api.problems import log_unexpected, problem
from api.routes.cases import case_start
from api.routes.tasks import completion
from api.schemas import CaseCreate, TaskComplete
from engine.db import HeldConnection

START_PATH = "/api/v1/cases"
COMPLETE_ROUTE = "/api/v1/tasks/{task_id}/complete"
_COMPLETE = re.compile(r"^/api/v1/tasks/([^/]+)/complete$")
_BEARER = re.compile(rb"^Bearer ([A-Za-z0-9_.-]{1,200})$")
_KEY = re.compile(rb"^[\x21-\x7e]{1,255}$")
_JSON_TYPES = (b"application/json", b"application/json; charset=utf-8")
_READ = (b"authorization", b"content-type", b"content-length", b"idempotency-key")


class NrmApi(FastAPI):
    """The FastAPI application, with the shortcut for the step requests (`hot_path`)."""

    hot_path = True  # off: every request goes through FastAPI (the tests compare both)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.hot_path and scope["type"] == "http" and scope["method"] == "POST":
            path = scope["path"]
            if path == START_PATH:
                shortcut: tuple[_Step, str] | None = (_START, "")
            else:
                match = _COMPLETE.match(path)
                shortcut = (_COMPLETE_TASK, match.group(1)) if match is not None else None
            if shortcut is not None and not self.root_path:
                await self._step(scope, receive, send, *shortcut)
                return
        await super().__call__(scope, receive, send)

    async def _step(
        self, scope: Scope, receive: Receive, send: Send, step: _Step, arg: str
    ) -> None:
        headers = _headers(scope)
        limit: int = self.state.settings.max_body_bytes
        bearer = _BEARER.match(headers.get(b"authorization", b""))
        key = headers.get(b"idempotency-key")
        if (
            headers is _REPEATED
            or bearer is None
            or headers.get(b"content-type") not in _JSON_TYPES
            or (key is not None and _KEY.match(key) is None)
            or _declared_length(headers) > limit
        ):
            await super().__call__(scope, receive, send)
            return
        messages, body = await read_body(receive, limit)
        model = _parsed(step.model, body) if body is not None else None
        if model is None:  # let FastAPI answer (422, 413, a client gone) from the same body
            await super().__call__(scope, replay(messages, receive), send)
            return
        token = bearer.group(1).decode("ascii")
        idempotency_key = key.decode("ascii") if key is not None else None
        held: HeldConnection | None = self.state.held_connection
        try:
            with held.lent() if held is not None else nullcontext():
                response = await step.run(self, token, arg, model, idempotency_key)
        except Exception as exc:  # noqa: BLE001  (each becomes its problem response)
            response = await self._problem(scope, receive, exc, step.route)
        await response(scope, receive, send)

    async def _problem(
        self, scope: Scope, receive: Receive, exc: Exception, route: str
    ) -> Response:
        """The response the app's exception handlers give; else a logged 500 problem."""
        for cls in type(exc).__mro__:
            handler = self.exception_handlers.get(cls)
            if handler is not None:
                result = handler(Request(scope, receive), exc)
                response: Response = await result if inspect.isawaitable(result) else result
                return response
        log_unexpected("POST", route, exc)
        return problem(500, "Internal error", "An unexpected error occurred; it has been logged.")


async def _start(
    app: FastAPI, token: str, _arg: str, body: Any, idempotency_key: str | None
) -> Response:
    caller = await caller_of(app, token)
    return await case_start(app.state.engine, caller, body, idempotency_key)


async def _complete(
    app: FastAPI, token: str, task_id: str, body: Any, idempotency_key: str | None
) -> Response:
    ctx = await caller_and_task(app, token, task_id)
    return await completion(app.state.engine, ctx, body, idempotency_key)


@dataclass(frozen=True)
class _Step:
    """A step request the shortcut serves: its route (for the log), body model and runner."""

    route: str
    model: type[BaseModel]
    run: Callable[[FastAPI, str, str, Any, str | None], Awaitable[Response]]


_START = _Step(START_PATH, CaseCreate, _start)
_COMPLETE_TASK = _Step(COMPLETE_ROUTE, TaskComplete, _complete)


_REPEATED: dict[bytes, bytes] = {}


def _headers(scope: Scope) -> dict[bytes, bytes]:
    """The headers the shortcut reads; `_REPEATED` if one of them came twice."""
    found: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        if name in _READ:
            if name in found:
                return _REPEATED
            found[name] = value
    return found


def _declared_length(headers: dict[bytes, bytes]) -> int:
    raw = headers.get(b"content-length")
    if raw is None:
        return 0
    return int(raw) if raw.isdigit() else 1 << 62  # unreadable: FastAPI's path decides


def _parsed(model: type[BaseModel], body: bytes) -> BaseModel | None:
    """The body as `model` accepts it; None for anything else. Read by pydantic's JSON
    parser: it accepts no body that `json.loads` (what FastAPI reads a JSON body with)
    refuses and reads the values alike; the few `json.loads` accepts and it does not (a byte
    order mark, UTF-16, lone surrogates) go to the FastAPI route."""
    try:
        return model.model_validate_json(body)
    except Exception:  # noqa: BLE001  (FastAPI's route gives the 422 that says why)
        return None
