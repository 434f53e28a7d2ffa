"""OpenAPI documentation of the problem responses routes can give; step responses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from api.problems import PROBLEM_JSON
from api.schemas import ProblemPublic
from engine.db import WriterBusyError, is_sqlite, without_waiting
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
    503: "Database unreachable",
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


async def step_response(engine: Engine, step: Callable[[], tuple[int, BaseModel]]) -> Response:
    """Run a step (database writes, the workflow) and answer with its status and model as
    JSON. (A model returned to FastAPI would be validated again and encoded once more.)

    On SQLite: on the event loop, if the write lock is free at once. A step is
    CPU-bound Python under the one GIL, so a hop to the thread pool and back only added
    cost: GIL hand-overs, and under load the loop and the pool's threads contending for it.
    A step that would have to wait for the lock (the timer worker or another process is
    writing) raises before it reads anything and goes to the pool, where it may wait without
    stalling other requests. On PostgreSQL a step waits on the network: always the pool."""

    def run() -> Response:
        status, model = step()
        return Response(model.model_dump_json(), status_code=status, media_type=JSON)

    if is_sqlite(engine.db):
        try:
            with without_waiting():
                return run()
        except WriterBusyError:
            pass  # another writer holds the lock: the step runs in the pool, and may wait there
    return await run_in_threadpool(run)
