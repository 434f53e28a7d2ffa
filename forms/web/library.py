"""The process library (policy staff): deployed diagrams and their versions, drawn."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.deps import EngineDep
from api.errors import RoleRequiredError
from api.services.policy import Caller
from forms.web.deps import WebUser
from forms.web.render import page
from forms.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)
LIBRARY_ROLES = frozenset({"policy", "reviewer", "admin"})


def require_library(caller: Caller) -> None:
    """The library is for policy staff, reviewers and administrators."""
    if not caller.roles & LIBRARY_ROLES:
        raise RoleRequiredError("The process library is for policy staff.")


@router.get("/library")
def show_library(request: Request, engine: EngineDep, caller: WebUser) -> Response:
    """Every deployed process with its versions."""
    require_library(caller)
    processes = [
        {"process": p, "versions": engine.process_versions(p.process_id)}
        for p in engine.processes()
    ]
    return page(request, "library.html", processes=processes)
