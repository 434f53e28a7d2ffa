"""OpenAPI documentation of the problem responses routes can give; step responses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from api.problems import PROBLEM_JSON
from api.schemas import ProblemPublic
from engine.facade import Engine

JSON = "application/json"
_WHY = {
    401: "No, unknown or expired bearer token",
    403: "Not allowed for your role, or another agency's case or task",
    404: "Unknown id",
    409: "Task no longer open, claimed by someone else, or a concurrent update",
    413: "Request body too large",
    422: "Invalid data: `errors` names each field",
    429: "Too many failed sign-ins: see Retry-After",
    503: "Server busy or database unreachable: see Retry-After",
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each status as a problem+json body."""
    schema = {"$ref": "#/components/schemas/ProblemPublic"}
    return {
        code: {
            "model": ProblemPublic,
            "description": _WHY[code],
            "content": {PROBLEM_JSON: {"schema": schema}},
        }
        for code in codes
    }


async def step_response(
    engine: Engine,  # noqa: ARG001  (the engine the step runs on, for whoever wraps this)
    step: Callable[[], tuple[int, BaseModel]],
) -> Response:
    """Run a step (database writes, the workflow) in the thread pool and answer with its
    status and model as JSON: the one place a step request runs. (A model returned to FastAPI
    would be validated again and encoded once more.)"""

    def run() -> Response:
        status, model = step()
        return Response(model.model_dump_json(), status_code=status, media_type=JSON)

    return await run_in_threadpool(run)
