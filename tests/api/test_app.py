"""The application factory: OpenAPI, docs, production guard, in-process timer worker."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from engine.config import Settings, load_settings
from engine.errors import ProductionRefusedError
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.api.conftest import AsUser, start_case


def test_openapi_and_docs_are_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/tasks/{task_id}/complete" in spec["paths"]
    assert "/api/v1/cases/{case_id}/access-log" in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_create_app_refuses_development_secret_in_production(
    api_engine: Engine, api_settings: Settings
) -> None:
    with pytest.raises(ProductionRefusedError):
        create_app(replace(api_settings, env="production"), api_engine)
    create_app(replace(api_settings, env="production", secret_key="s" * 32), api_engine)


def test_load_settings_runs_worker_in_process_outside_production_only() -> None:
    assert load_settings({}).inprocess_worker is True
    assert load_settings({"NRM_ENV": "production"}).inprocess_worker is False
    assert load_settings({"NRM_INPROCESS_WORKER": "0"}).inprocess_worker is False
    assert load_settings({"NRM_ENV": "production", "NRM_INPROCESS_WORKER": "yes"}).inprocess_worker


def test_inprocess_worker_fires_due_timers_and_stops_on_shutdown(
    api_engine: Engine, api_settings: Settings, clock: FakeClock, as_user: AsUser
) -> None:
    case = start_case(as_user("border"))["case"]
    clock.advance(timedelta(hours=25))
    settings = replace(api_settings, inprocess_worker=True, worker_interval=0.05)
    app = create_app(settings, api_engine)
    with TestClient(app):
        worker = app.state.timer_worker
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            names = {t.name for t in api_engine.case_tasks(case["id"])}
            if "Review overdue identification" in names:
                break
            time.sleep(0.05)
    assert "Review overdue identification" in names
    assert not worker._thread.is_alive()


def test_start_up_parses_the_deployed_versions_before_serving(
    api_engine: Engine, api_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The versions in use are parsed (and then frozen with the rest of what lives as long
    as the server) at start-up, not by the first request that needs each."""
    loaded: list[int] = []
    real = Engine.load_versions

    def spy(self: Engine) -> int:
        loaded.append(real(self))
        return loaded[-1]

    monkeypatch.setattr(Engine, "load_versions", spy)
    app = create_app(api_settings, api_engine)
    assert loaded == []
    with TestClient(app):
        assert loaded and loaded[0] >= 1


def test_start_up_survives_a_database_it_cannot_read_yet(
    api_engine: Engine, api_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    def down(self: Engine) -> int:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(Engine, "load_versions", down)
    with TestClient(create_app(api_settings, api_engine)) as client:
        assert client.get("/healthz").status_code == 200
