"""`nrm users …`: real accounts, also in production, through typer's CliRunner on the test
database; a new password or a disabled account ends the user's sign-ins."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from engine.cli import app
from engine.config import load_settings

runner = CliRunner()
PASSWORD = "correct horse battery"


@pytest.fixture
def production(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The test database (empty, migrated) and production settings (no demo users there)."""
    monkeypatch.setenv("NRM_DATABASE_URL", database_url)
    monkeypatch.setenv("NRM_ENV", "production")
    monkeypatch.setenv("NRM_SECRET_KEY", "a-real-secret-for-the-test")
    yield database_url


def users(*args: str, password: str | None = None) -> tuple[int, str]:
    stdin = f"{password}\n" if password is not None else None
    extra = ["--password-stdin"] if password is not None else []
    result = runner.invoke(app, ["users", *args, *extra], input=stdin)
    return result.exit_code, result.output


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> int:
    form = {"username": username, "password": password}
    return client.post("/api/v1/auth/token", data=form).status_code


def test_accounts_are_made_in_production_and_sign_in(production: str) -> None:
    assert runner.invoke(app, ["demo"]).exit_code == 1  # refused in production
    code, output = users("add", "a.usenova", "--agency", "police", "--role", "caseworker",
                         "--role", "supervisor", password=PASSWORD)  # fmt: skip
    assert code == 0, output
    assert "added a.usenova (police: caseworker, supervisor)" in output
    code, output = users("add", "rapporteur1", "--role", "rapporteur", password=PASSWORD)
    assert code == 0, output
    code, listing = users("list")
    assert "a.usenova" in listing and "caseworker,supervisor" in listing
    assert "rapporteur1" in listing and "(disabled)" not in listing
    with TestClient(create_app(load_settings())) as client:
        assert sign_in(client, "a.usenova") == 200
        assert sign_in(client, "a.usenova", "wrong password!") == 401


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["bad name!", "--role", "policy"], PASSWORD, "A username is 2-100"),
        (["x1", "--role", "chief"], PASSWORD, "Unknown role(s): chief."),
        (["x1", "--role", "policy", "--agency", "kgb"], PASSWORD, "Unknown agency 'kgb'"),
        (["x1", "--role", "caseworker"], PASSWORD, "Caseworkers, supervisors and heads belong to"),
        (["x1", "--role", "caseworker", "--agency", "rapporteur"], PASSWORD, "agency with lanes"),
        (["x1", "--role", "policy"], "short", "at least 10 characters"),
    ],
)
def test_bad_accounts_are_refused_with_the_reason(
    production: str, args: list[str], password: str, message: str
) -> None:
    code, output = users("add", *args, password=password)
    assert code == 1 and message in output, output
    assert users("list")[1].strip() == ""  # nothing was added


def test_a_username_is_taken_once(production: str) -> None:
    assert users("add", "policy1", "--role", "policy", password=PASSWORD)[0] == 0
    code, output = users("add", "policy1", "--role", "policy", password=PASSWORD)
    assert code == 1 and "exists already" in output


def test_new_password_and_disabling_sign_the_user_out(production: str) -> None:
    users("add", "ngo1", "--agency", "ngo", "--role", "caseworker", password=PASSWORD)
    with TestClient(create_app(load_settings())) as client:
        token = client.post(
            "/api/v1/auth/token", data={"username": "ngo1", "password": PASSWORD}
        ).json()["access_token"]
        me = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/me", headers=me).status_code == 200
        code, output = users("password", "ngo1", password="another long password")
        assert code == 0 and "1 sign-in(s) ended" in output
        assert client.get("/api/v1/me", headers=me).status_code == 401
        assert sign_in(client, "ngo1") == 401
        assert sign_in(client, "ngo1", "another long password") == 200
        code, output = users("disable", "ngo1")
        assert code == 0 and "disabled ngo1; 1 sign-in(s) ended" in output
        assert sign_in(client, "ngo1", "another long password") == 401
        assert "(disabled)" in users("list")[1]
        assert users("enable", "ngo1")[0] == 0
        assert sign_in(client, "ngo1", "another long password") == 200
    assert users("disable", "nobody")[1].count("No user 'nobody'") == 1
