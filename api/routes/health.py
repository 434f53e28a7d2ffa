"""Liveness and database reachability."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.deps import EngineDep
from api.errors import ServiceUnavailableError
from api.routes.common import problems
from api.schemas import HealthPublic

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic, responses=problems(503))
def health(engine: EngineDep) -> HealthPublic:
    """200 when the process runs and the database answers; 503 otherwise."""
    try:
        with engine.db.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        raise ServiceUnavailableError("The database cannot be reached.") from exc
    return HealthPublic(status="ok", database="ok")
