"""API fixtures: the app on a test engine (fake clock, fixture diagrams), demo users with a
cheap password hash, and signed-in clients per username."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine as Database

from api.app import create_app
from engine.accounts import STAFF_USERS, ensure_agencies
from engine.agencies import ROLES
from engine.config import Settings
from engine.db import write_session
from engine.facade import Engine
from engine.models import User
from engine.sources import read_paths
from engine.spiff.clock import FakeClock
from tests.conftest import SIMPLE, fixture_files

API = "/api/v1"
PROBLEM_JSON = "application/problem+json"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "api"
PASSWORD = "demo"
TOKEN_MINUTES = 30 * 24 * 60
# Verifying uses the parameters stored in the hash: a light one keeps sign-ins fast in tests.
CHEAP_HASH = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
REPORT = {
    "pseudonym": "Aigul",
    "full_name": "Asel Toktogulova",
    "date_of_birth": "2001-02-03",
    "phone": "+996555123456",
    "age": 24,
    "region": "chui",
    "exploitation_type": "labour",
    "intake_note": "Met at the bus station",
    # The identifying authority sees the identity only with this consent (or for a child).
    "consent_police_report": True,
}
PERSONAL_VALUES = ("Asel Toktogulova", "2001-02-03", "+996555123456")


def demo_users() -> list[tuple[str, str | None, list[str]]]:
    """(username, agency, roles) of the demo set: caseworker, supervisor and head per agency,
    staff."""
    users: list[tuple[str, str | None, list[str]]] = []
    for role in ROLES:
        if role.has_tasks:
            users.append((role.code, role.code, ["caseworker"]))
            users.append((f"{role.code}_supervisor", role.code, ["caseworker", "supervisor"]))
            users.append((f"{role.code}_head", role.code, ["caseworker", "supervisor", "head"]))
    users += [(name, agency, roles) for name, (agency, roles) in STAFF_USERS.items()]
    return users


def create_users(db: Database, now: Any) -> None:
    """The demo users, all with password `demo`."""
    with write_session(db) as session:
        ensure_agencies(session, now)
        session.flush()
        for username, agency, roles in demo_users():
            session.add(
                User(
                    username=username,
                    password_hash=CHEAP_HASH,
                    agency=agency,
                    roles=roles,
                    created_at=now,
                )
            )
        session.commit()


@pytest.fixture
def api_settings(settings: Settings) -> Settings:
    """Settings for API tests: no in-process timer worker and no deployment runner (a test
    runs queued deployments itself); tokens outlive the fake clock's jumps over deadlines
    (30 days)."""
    return replace(
        settings, inprocess_worker=False, deployment_runner=False, token_minutes=TOKEN_MINUTES
    )


@pytest.fixture
def api_engine(db: Database, api_settings: Settings, clock: FakeClock) -> Engine:
    """An engine with the API fixture process (`api_case`) and `simple` deployed, and users."""
    engine = Engine(db, settings=api_settings, clock=clock)
    files = read_paths([FIXTURES]) + fixture_files(*SIMPLE)
    engine.deploy(files, deployed_by="test")
    create_users(db, clock.now())
    return engine


@pytest.fixture
def project_api_engine(
    db: Database,
    api_settings: Settings,
    clock: FakeClock,
    tmp_path: Path,
) -> Engine:
    """An engine with the project's own library (bpmn/, forms/schemas/) deployed, and users;
    scenario reports are read from `tmp_path`. A module uses it with
    `def api_engine(project_api_engine): return project_api_engine`."""
    settings = replace(api_settings, reports_dir=tmp_path)
    engine = Engine(db, settings=settings, clock=clock)
    engine.deploy_library(deployed_by="setup")
    create_users(db, clock.now())
    return engine


@pytest.fixture
def app(api_engine: Engine, api_settings: Settings) -> FastAPI:
    """The API application on the test engine."""
    return create_app(api_settings, api_engine)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client of the app (lifespan run)."""
    with TestClient(app) as test_client:
        yield test_client


class Actor:
    """A signed-in user making requests under /api/v1."""

    def __init__(self, client: TestClient, username: str, token: str) -> None:
        self.client = client
        self.username = username
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        """GET under the API prefix."""
        return self.client.get(API + path, headers=self._headers(kwargs), **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        """POST under the API prefix."""
        return self.client.post(API + path, headers=self._headers(kwargs), **kwargs)

    def _headers(self, kwargs: dict[str, Any]) -> dict[str, str]:
        return {**self.headers, **kwargs.pop("headers", {})}


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> httpx.Response:
    """POST the OAuth2 password form."""
    return client.post(API + "/auth/token", data={"username": username, "password": password})


@pytest.fixture
def as_user(client: TestClient) -> Callable[[str], Actor]:
    """A signed-in actor per username (signed in once per test)."""
    actors: dict[str, Actor] = {}

    def get(username: str) -> Actor:
        if username not in actors:
            response = sign_in(client, username)
            assert response.status_code == 200, response.text
            actors[username] = Actor(client, username, response.json()["access_token"])
        return actors[username]

    return get


def start_case(actor: Actor, **data: Any) -> dict[str, Any]:
    """Start an `api_case` with the test report; returns the 201 body."""
    response = actor.post("/cases", json={"process_id": "api_case", "data": {**REPORT, **data}})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def complete(actor: Actor, task_id: str, data: dict[str, Any], **kwargs: Any) -> httpx.Response:
    """POST a completion."""
    return actor.post(f"/tasks/{task_id}/complete", json={"data": data}, **kwargs)


def only(tasks: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """The one task of that name."""
    [task] = [t for t in tasks if t["name"] == name]
    return task


AsUser = Callable[[str], Actor]
