"""Deployed processes."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import CurrentUser, EngineDep
from api.routes.common import problems
from api.schemas import ProcessesPublic, ProcessPublic
from api.services.policy import require_process_reader

router = APIRouter(tags=["processes"])


@router.get("/processes", response_model=ProcessesPublic, responses=problems(401, 403))
def list_processes(engine: EngineDep, caller: CurrentUser) -> ProcessesPublic:
    """The newest version of every deployed process."""
    require_process_reader(caller)
    data = [
        ProcessPublic(id=p.process_id, name=p.name, version=p.version, deployed_at=p.deployed_at)
        for p in engine.processes()
    ]
    return ProcessesPublic(data=data, count=len(data))
