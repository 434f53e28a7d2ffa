"""Liveness and database reachability, answered whatever the load.

`/healthz` is never queued behind other requests (api.admission), and its database check runs
on a thread of its own (not the request threads, which a burst may keep busy), given at most
`HEALTH_TIMEOUT_S`: a check that takes longer answers 503 `no answer` and is left to finish.
"""

from __future__ import annotations

import threading

import anyio
from fastapi import APIRouter, FastAPI, Request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.errors import ServiceUnavailableError
from api.routes.common import problems
from api.schemas import HealthPublic
from engine.facade import Engine

HEALTH_PATHS = ("/healthz", "/api/v1/healthz")
HEALTH_TIMEOUT_S = 0.5
_SAYS = {
    "unreachable": "The database cannot be reached.",
    "no answer": f"The database did not answer within {HEALTH_TIMEOUT_S} s.",
}
router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic, responses=problems(503))
async def health(request: Request) -> HealthPublic:
    """200 when the process runs and the database answered within half a second; else 503
    (`database`: `unreachable` or `no answer`)."""
    answer = await database_answer(request.app)
    if answer != "ok":
        raise ServiceUnavailableError(_SAYS[answer], database=answer)
    return HealthPublic(status="ok", database="ok")


async def database_answer(app: FastAPI) -> str:
    """`ok`, `unreachable` or `no answer` (within `HEALTH_TIMEOUT_S`)."""
    check: DatabaseCheck = app.state.database_check
    with anyio.move_on_after(HEALTH_TIMEOUT_S):
        return await anyio.to_thread.run_sync(
            check.run, limiter=check.limiter, abandon_on_cancel=True
        )
    return "no answer"


class DatabaseCheck:
    """`SELECT 1` on a thread of its own; a check left running (the database hangs) is not
    started again until it ends, so a stuck database holds one thread, not one a probe."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.limiter = anyio.CapacityLimiter(1)  # made in the app's lifespan, on its loop
        self._running = threading.Lock()

    def run(self) -> str:
        """The database's answer (on the check's thread)."""
        if not self._running.acquire(blocking=False):
            return "no answer"  # the last check is still waiting for the database
        try:
            return _select_one(self.engine)
        finally:
            self._running.release()


def _select_one(engine: Engine) -> str:
    try:
        with engine.db.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return "unreachable"
    return "ok"
