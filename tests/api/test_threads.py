"""Database work runs on a few threads (`NRM_API_THREADS`), never on the event loop, and the
connection pool is sized so that none of those threads waits for a connection."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import pytest
from anyio import to_thread
from fastapi.testclient import TestClient
from sqlalchemy import event

from api.services import tasks as tasks_service
from engine.config import Settings, load_settings
from engine.db import POOL_TIMEOUT_S, RESERVED_CONNECTIONS, pool_options
from engine.facade import Engine
from tests.api.conftest import AsUser, complete, only, start_case

PRESUMED = {"identification_result": "presumed_victim", "referral_receiver": "ngo"}


def test_api_threads_defaults_to_a_few() -> None:
    assert load_settings({}).api_threads == Settings().api_threads == 2
    assert load_settings({"NRM_API_THREADS": " "}).api_threads == 2


def test_api_threads_reads_the_environment_at_least_one() -> None:
    assert load_settings({"NRM_API_THREADS": "8"}).api_threads == 8
    assert load_settings({"NRM_API_THREADS": "0"}).api_threads == 1


def test_lifespan_sets_thread_pool_size(client: TestClient, api_settings: Settings) -> None:
    def tokens() -> float:
        return to_thread.current_default_thread_limiter().total_tokens

    assert client.portal is not None
    assert client.portal.call(tokens) == api_settings.api_threads


def test_the_pool_holds_two_connections_a_thread_and_the_reserved_ones() -> None:
    options = pool_options(4)
    assert options["pool_size"] + options["max_overflow"] >= 2 * (4 + RESERVED_CONNECTIONS)
    assert options["pool_timeout"] == POOL_TIMEOUT_S


def test_an_engine_from_settings_has_its_pool_sized_from_the_threads(tmp_path: Any) -> None:
    settings = load_settings({"NRM_DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    engine = Engine.from_settings(replace(settings, api_threads=5))
    assert engine.db.pool.size() == pool_options(5)["pool_size"]  # type: ignore[attr-defined]
    engine.db.dispose()


def _on_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def test_no_request_checks_a_connection_out_on_the_event_loop(
    client: TestClient, as_user: AsUser, api_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sign-in, the caller, the task, reads, steps and pages: every connection is checked out
    on a thread of the pool, so a checkout that waits never stalls other requests."""
    on_loop: list[bool] = []
    event.listen(api_engine.db.pool, "checkout", lambda *_: on_loop.append(_on_loop()))
    steps: list[bool] = []
    real = tasks_service.complete
    monkeypatch.setattr(
        tasks_service, "complete", lambda **kw: steps.append(_on_loop()) or real(**kw)
    )
    border, police = as_user("border"), as_user("police")
    case = start_case(border)["case"]
    task = only(case["open_tasks"], "Identify the person")
    for path in ("/me", "/cases", f"/cases/{case['id']}", "/tasks", f"/tasks/{task['id']}"):
        assert police.get(path).status_code == 200, path
    assert complete(police, task["id"], PRESUMED).status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/login").status_code == 200
    assert len(on_loop) >= 8 and not any(on_loop)
    assert steps == [False]  # the step ran in the pool
