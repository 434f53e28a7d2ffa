"""Liveness and database reachability."""

from __future__ import annotations

from dataclasses import replace

from fastapi.testclient import TestClient

from api.app import create_app
from engine.config import Settings
from engine.db import make_engine
from engine.facade import Engine
from tests.api.conftest import API, PROBLEM_JSON


def test_health_reports_ok_without_sign_in(client: TestClient) -> None:
    for path in ("/healthz", API + "/healthz"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok"}


def test_health_is_503_when_database_is_unreachable(
    api_settings: Settings, tmp_path: object
) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
    settings = replace(api_settings, database_url=url)
    engine = Engine(make_engine(url), settings=settings)
    with TestClient(create_app(settings, engine)) as client:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM_JSON
