"""OpenAPI documentation of the problem responses routes can give."""

from __future__ import annotations

from typing import Any

from api.problems import PROBLEM_JSON
from api.schemas import ProblemPublic

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
