"""The scenarios (reviewers): every feature file as text, results and path coverage."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.errors import RoleRequiredError
from api.services.policy import Caller
from forms.web.deps import WebUser
from forms.web.render import page
from forms.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)
SCENARIO_ROLES = frozenset({"reviewer", "policy"})


def require_reviewer(caller: Caller) -> None:
    """Scenarios are for reviewers (and policy staff)."""
    if not caller.roles & SCENARIO_ROLES:
        raise RoleRequiredError("The scenarios are for reviewers.")


@router.get("/scenarios")
def show_scenarios(request: Request, caller: WebUser) -> Response:
    """Feature files with their scenarios' last results."""
    require_reviewer(caller)
    return page(request, "scenarios.html", features=[], report=None)
