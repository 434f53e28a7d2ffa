"""OpenAPI documentation of the problem responses routes can give; step responses."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from api.problems import PROBLEM_JSON
from api.schemas import ProblemPublic
from api.stephosts import StepHosts
from engine.facade import Engine

JSON = "application/json"
_WHY = {
    400: "Malformed request: a repeated Authorization or Idempotency-Key header",
    401: "No, unknown or expired bearer token",
    403: "Not allowed for your role, or another agency's case or task",
    404: "Unknown id",
    409: "Task no longer open, claimed by someone else, or a concurrent update",
    413: "Request body too large",
    422: "Invalid data: `errors` names each field; or a step stopped at a limit",
    429: "Too many failed sign-ins: see Retry-After",
    503: "Server busy or database unreachable: see Retry-After",
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each status as a problem+json body (400 on every route: any
    request may repeat a header that must come once)."""
    schema = {"$ref": "#/components/schemas/ProblemPublic"}
    return {
        code: {
            "model": ProblemPublic,
            "description": _WHY[code],
            "content": {PROBLEM_JSON: {"schema": schema}},
        }
        for code in sorted({400, *codes})
    }


# A step: an `api/services` function called as `step(engine=..., **kwargs)` that returns
# the status code and the model to answer with. It and its arguments must pickle (they may
# be sent to a step host): a module-level function, plain data.
Step = Callable[..., tuple[int, BaseModel]]


async def step_response(
    request: Request, step: Step, *, for_case: str | None, **kwargs: Any
) -> Response:
    """Run a step (database writes, the workflow) and answer with its status and model as
    JSON: the one place a step request runs. With step hosts (api/stephosts.py) it runs in
    one of them, routed by `for_case` (the case it changes; None for a start), and is
    awaited without holding a thread; else in the thread pool. (A model returned to FastAPI
    would be validated again and encoded once more.)"""
    hosts: StepHosts | None = request.app.state.step_hosts
    if hosts is None:
        engine: Engine = request.app.state.engine
        status, body = await run_in_threadpool(
            partial(json_step, engine=engine, step=step, **kwargs)
        )
    else:
        future = hosts.submit(json_step, {"step": step, **kwargs}, case_id=for_case)
        status, body = await asyncio.wrap_future(future)
    return Response(body, status_code=status, media_type=JSON)


def json_step(*, engine: Engine, step: Step, **kwargs: Any) -> tuple[int, bytes]:
    """The step's status and its model as JSON (made where the step ran)."""
    status, model = step(engine=engine, **kwargs)
    return status, model.model_dump_json().encode()


def run_step(app: Any, step: Step, *, for_case: str | None, **kwargs: Any) -> tuple[int, Any]:
    """The step's status and model, for a caller on a thread (the web pages): in a step host
    when the server has them, else here."""
    hosts: StepHosts | None = app.state.step_hosts
    if hosts is None:
        return step(engine=app.state.engine, **kwargs)
    result: tuple[int, Any] = hosts.run(step, kwargs, case_id=for_case)
    return result
