"""The account routes (admins): list, add, new password, disable, enable — refusals as
problems naming the field; a new password or disabling ends the user's sign-ins."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.api.conftest import API, PROBLEM_JSON, Actor, sign_in

PASSWORD = "a long enough password"


def test_an_admin_adds_an_account_that_signs_in(
    as_user: Callable[[str], Actor], client: TestClient
) -> None:
    admin = as_user("admin")
    body = {"username": "b.asanov", "password": PASSWORD, "agency": "ngo",
            "roles": ["supervisor", "caseworker"]}  # fmt: skip
    response = admin.post("/users", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["username"] == "b.asanov" and created["agency"] == "ngo"
    assert created["roles"] == ["caseworker", "supervisor"] and created["active"] is True
    assert "password" not in response.text and "hash" not in response.text
    listed = {u["username"]: u for u in admin.get("/users").json()["data"]}
    assert "b.asanov" in listed and "police" in listed
    assert sign_in(client, "b.asanov", PASSWORD).status_code == 200


def test_refusals_name_the_field_and_a_taken_name_is_a_conflict(
    as_user: Callable[[str], Actor],
) -> None:
    admin = as_user("admin")
    cases = [
        ({"username": "no spaces", "roles": ["policy"]}, "username"),
        ({"username": "x1", "roles": ["chief"]}, "roles"),
        ({"username": "x1", "roles": ["caseworker"]}, "agency"),
        ({"username": "x1", "roles": ["policy"], "password": "short"}, "password"),
    ]
    for changes, field in cases:
        response = admin.post("/users", json={"password": PASSWORD, **changes})
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == PROBLEM_JSON
        assert response.json()["errors"][0]["field"] == field
    taken = admin.post("/users", json={"username": "police", "password": PASSWORD,
                                       "roles": ["policy"]})  # fmt: skip
    assert taken.status_code == 409 and taken.json()["title"] == "Account exists"
    unknown = admin.post("/users/nobody/disable")
    assert unknown.status_code == 404 and unknown.json()["title"] == "Unknown user"


def test_new_password_and_disabling_end_the_sign_ins(
    as_user: Callable[[str], Actor], client: TestClient
) -> None:
    admin, police = as_user("admin"), as_user("police")
    assert police.get("/me").status_code == 200
    changed = admin.post("/users/police/password", json={"password": PASSWORD})
    assert changed.json() == {"username": "police", "active": True, "sign_ins_ended": 1}
    assert police.get("/me").status_code == 401
    assert sign_in(client, "police", PASSWORD).status_code == 200
    disabled = admin.post("/users/police/disable").json()
    assert disabled == {"username": "police", "active": False, "sign_ins_ended": 1}
    assert sign_in(client, "police", PASSWORD).status_code == 401
    assert admin.post("/users/police/enable").json()["active"] is True
    assert sign_in(client, "police", PASSWORD).status_code == 200


def test_an_admin_cannot_disable_their_own_account(as_user: Callable[[str], Actor]) -> None:
    response = as_user("admin").post("/users/admin/disable")
    assert response.status_code == 409 and response.json()["title"] == "Own account"
    assert as_user("admin").get("/users").status_code == 200


def test_other_roles_are_refused(as_user: Callable[[str], Actor], client: TestClient) -> None:
    for username in ("police_supervisor", "policy", "rapporteur"):
        assert as_user(username).get("/users").status_code == 403
    assert client.get(API + "/users").status_code == 401
