"""The authorization matrix: every demo user (each role of each agency, and the staff
roles) against every endpoint, allowed or refused as designed.

Set-up: a case reported by `border` whose open task is in the `police` lane. Allowed means
the request got past authorisation (2xx, or 422 for deliberately incomplete bodies);
refused means 403. Deploying sends a file already deployed (a job is queued; nothing would
change); migrating names no real case (422).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from tests.api.conftest import FIXTURES, AsUser, demo_users, only, start_case

NOT_FIRST_RESPONDERS = {"prosecutor", "commission", "registration"}
PARTICIPANTS = {"border", "police"}  # the reporter and the lane with the open task
TASK_AGENCY = "police"
USERS = demo_users()
DEPLOYED_FILE = ("files", ("api_case.bpmn", (FIXTURES / "api_case.bpmn").read_bytes()))


def expectations(agency: str | None, roles: list[str]) -> dict[str, bool]:
    """Which endpoints this user may use, from the rules of the brief."""
    casework = bool({"caseworker", "supervisor"} & set(roles)) and agency not in (
        None,
        "rapporteur",
    )
    takes_part = casework and agency in PARTICIPANTS
    own_task = casework and agency == TASK_AGENCY
    reader = "rapporteur" not in roles
    checker = bool({"policy", "reviewer"} & set(roles))
    return {
        "GET /me": True,
        "GET /processes": reader,
        "GET /processes/{id}/diagram.svg": reader,
        "POST /processes/validate": checker,
        "POST /processes": "policy" in roles,
        "GET /processes/deployments": checker,
        "GET /processes/deployments/{id}": checker,
        "GET /processes/{id}/versions": reader,
        "GET /processes/{id}/diff": reader,
        "GET /processes/{id}/migration": checker,
        "POST /processes/{id}/migration": "policy" in roles,
        "GET /cases/{id}/diagram.svg": takes_part,
        "POST /cases": casework and agency not in NOT_FIRST_RESPONDERS,
        "GET /cases": casework,
        "GET /cases/{id}": takes_part,
        "GET /cases/{id}/history": takes_part,
        "GET /cases/{id}/access-log": (takes_part and "supervisor" in roles) or "admin" in roles,
        "GET /cases/{id}/messages": takes_part,
        "POST /cases/{id}/messages": takes_part,
        "GET /tasks": casework,
        "GET /tasks/{id}": own_task,
        "POST /tasks/{id}/claim": own_task,
        "POST /tasks/{id}/release": own_task,
        "POST /tasks/{id}/assign": own_task and "supervisor" in roles,
        "POST /tasks/{id}/complete": own_task,
        "GET /statistics": bool({"rapporteur", "policy"} & set(roles)),
        "GET /statistics/registered-crimes": bool({"rapporteur", "policy"} & set(roles)),
        "GET /statistics/export/htcds": "rapporteur" in roles,
        "GET /users": "admin" in roles,
        "POST /users": "admin" in roles,
        "POST /users/{id}/password": "admin" in roles,
        "POST /users/{id}/disable": "admin" in roles,
        "POST /users/{id}/enable": "admin" in roles,
    }


def requests(case_id: str, task_id: str, job_id: int) -> dict[str, Callable[[Any], Any]]:
    """One request per endpoint; bodies that would change a case are left incomplete (422)."""
    return {
        "GET /me": lambda a: a.get("/me"),
        "GET /processes": lambda a: a.get("/processes"),
        "GET /processes/{id}/diagram.svg": lambda a: a.get("/processes/api_case/diagram.svg"),
        "POST /processes/validate": lambda a: a.post("/processes/validate", files=[DEPLOYED_FILE]),
        "POST /processes": lambda a: a.post("/processes", files=[DEPLOYED_FILE]),
        "GET /processes/deployments": lambda a: a.get("/processes/deployments"),
        "GET /processes/deployments/{id}": lambda a: a.get(f"/processes/deployments/{job_id}"),
        "GET /processes/{id}/versions": lambda a: a.get("/processes/api_case/versions"),
        "GET /processes/{id}/diff": lambda a: a.get("/processes/api_case/diff?from=1&to=1"),
        "GET /processes/{id}/migration": lambda a: a.get("/processes/api_case/migration?to=1"),
        "POST /processes/{id}/migration": lambda a: a.post(
            "/processes/api_case/migration", json={"to": 1, "case_ids": ["nope"]}
        ),
        "GET /cases/{id}/diagram.svg": lambda a: a.get(f"/cases/{case_id}/diagram.svg"),
        "POST /cases": lambda a: a.post("/cases", json={"process_id": "api_case", "data": {}}),
        "GET /cases": lambda a: a.get("/cases"),
        "GET /cases/{id}": lambda a: a.get(f"/cases/{case_id}"),
        "GET /cases/{id}/history": lambda a: a.get(f"/cases/{case_id}/history"),
        "GET /cases/{id}/access-log": lambda a: a.get(f"/cases/{case_id}/access-log"),
        "GET /cases/{id}/messages": lambda a: a.get(f"/cases/{case_id}/messages"),
        # The case waits for no message: a participant gets 409, anyone else 403.
        "POST /cases/{id}/messages": lambda a: a.post(
            f"/cases/{case_id}/messages", json={"name": "answer", "data": {}}
        ),
        "GET /tasks": lambda a: a.get("/tasks"),
        "GET /tasks/{id}": lambda a: a.get(f"/tasks/{task_id}"),
        "POST /tasks/{id}/claim": lambda a: a.post(f"/tasks/{task_id}/claim"),
        "POST /tasks/{id}/release": lambda a: a.post(f"/tasks/{task_id}/release"),
        "POST /tasks/{id}/assign": lambda a: a.post(
            f"/tasks/{task_id}/assign", json={"username": "nobody"}
        ),
        "POST /tasks/{id}/complete": lambda a: a.post(
            f"/tasks/{task_id}/complete", json={"data": {}}
        ),
        "GET /statistics": lambda a: a.get("/statistics"),
        "GET /statistics/registered-crimes": lambda a: a.get("/statistics/registered-crimes"),
        "GET /statistics/export/htcds": lambda a: a.get("/statistics/export/htcds"),
        "GET /users": lambda a: a.get("/users"),
        "POST /users": lambda a: a.post(
            "/users", json={"username": "x", "password": "short", "roles": ["policy"]}
        ),
        "POST /users/{id}/password": lambda a: a.post(
            "/users/rapporteur/password", json={"password": "short"}
        ),
        "POST /users/{id}/disable": lambda a: a.post("/users/rapporteur/disable"),
        "POST /users/{id}/enable": lambda a: a.post("/users/rapporteur/enable"),
    }


@pytest.mark.parametrize(("username", "agency", "roles"), USERS, ids=[u[0] for u in USERS])
def test_authorization_matrix_allows_or_refuses_each_endpoint(
    as_user: AsUser, username: str, agency: str | None, roles: list[str]
) -> None:
    case = start_case(as_user("border_supervisor"))["case"]
    task = only(case["open_tasks"], "Identify the person")
    job = as_user("policy").post("/processes", files=[DEPLOYED_FILE]).json()
    actor = as_user(username)
    wrong = []
    for endpoint, call in requests(case["id"], task["id"], job["id"]).items():
        status = call(actor).status_code
        allowed = expectations(agency, roles)[endpoint]
        acted = (200, 201, 202, 422) + ((409,) if endpoint == "POST /cases/{id}/messages" else ())
        ok = (status in acted) if allowed else status == 403
        if not ok:
            wrong.append(f"{endpoint}: {status} (expected {'allowed' if allowed else '403'})")
    assert wrong == []


def test_authorization_matrix_covers_every_route(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    routes = {
        f"{method.upper()} {re.sub(r'{[a-z_]+}', '{id}', path.removeprefix('/api/v1'))}"
        for path, item in spec["paths"].items()
        for method in item
    }
    public = {"POST /auth/token", "GET /healthz"}
    assert routes - public == set(expectations("police", ["caseworker"]))
