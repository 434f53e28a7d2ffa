"""The thread pool of sync routes and dependencies: a few threads, `NRM_API_THREADS`."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from typing import Any

import pytest
from anyio import to_thread
from fastapi.testclient import TestClient

from api import deps
from api.app import DEFAULT_API_THREADS, api_threads
from api.services import tasks as tasks_service
from tests.api.conftest import API, AsUser, complete, only, sign_in, start_case


def test_api_threads_defaults_to_a_few() -> None:
    assert api_threads({}) == DEFAULT_API_THREADS == 2
    assert api_threads({"NRM_API_THREADS": " "}) == DEFAULT_API_THREADS


def test_api_threads_reads_the_environment_at_least_one() -> None:
    assert api_threads({"NRM_API_THREADS": "8"}) == 8
    assert api_threads({"NRM_API_THREADS": "0"}) == 1


def test_lifespan_sets_thread_pool_size(client: TestClient) -> None:
    def tokens() -> float:
        return to_thread.current_default_thread_limiter().total_tokens

    assert client.portal is not None
    assert client.portal.call(tokens) == client.app.state.api_threads  # type: ignore[attr-defined]


def test_known_callers_are_read_on_the_event_loop_only_on_sqlite(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite a primary-key read costs less than a hop to the pool; on PostgreSQL it waits
    on the network, which would stall every other request on the loop: it goes to the pool."""
    token = sign_in(client, "border").json()["access_token"]
    seen: list[bool] = []
    real = deps._authenticate

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(_on_loop())
        return real(*args, **kwargs)

    monkeypatch.setattr(deps, "_authenticate", spy)
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(2):  # the first use verifies the token (argon2): always in the pool
        assert client.get(API + "/me", headers=headers).status_code == 200
    sqlite = client.app.state.engine.db.dialect.name == "sqlite"  # type: ignore[attr-defined]
    assert seen == [False, sqlite]


def _on_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


PRESUMED = {"identification_result": "presumed_victim", "referral_receiver": "ngo"}


def _step_threads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each completion step ran on the event loop (True) or in the pool (False)."""
    seen: list[bool] = []
    real = tasks_service.complete

    def spy(**kwargs: Any) -> Any:
        seen.append(_on_loop())
        return real(**kwargs)

    monkeypatch.setattr(tasks_service, "complete", spy)
    return seen


def test_steps_run_on_the_event_loop_only_on_sqlite(
    as_user: AsUser, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step is CPU-bound: on SQLite a hop to the pool only adds cost; on PostgreSQL it
    waits on the network, so it goes to the pool."""
    task = only(start_case(as_user("border"))["case"]["open_tasks"], "Identify the person")
    seen = _step_threads(monkeypatch)
    assert complete(as_user("police"), task["id"], PRESUMED).status_code == 200
    assert seen == [client.app.state.engine.db.dialect.name == "sqlite"]  # type: ignore[attr-defined]


def test_a_step_that_finds_the_write_lock_taken_waits_in_the_pool(
    as_user: AsUser, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process writing (here: a second connection holding SQLite's write lock) does
    not stall the event loop: the step goes to the pool, waits there, and succeeds once."""
    db = client.app.state.engine.db  # type: ignore[attr-defined]
    if db.dialect.name != "sqlite":
        pytest.skip("SQLite's write lock (PostgreSQL steps always run in the pool)")
    task = only(start_case(as_user("border"))["case"]["open_tasks"], "Identify the person")
    police = as_user("police")  # signed in (a write) before the lock is taken
    seen = _step_threads(monkeypatch)
    other = sqlite3.connect(str(db.url.database), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, other.rollback)
    release.start()
    try:
        response = complete(police, task["id"], PRESUMED)
    finally:
        release.join()
        other.close()
    assert response.status_code == 200, response.text
    assert response.json()["completed"]["id"] == task["id"]
    assert seen == [True, False]  # tried on the loop, refused at once, then done in the pool
    history = as_user("police").get(f"/cases/{task['case_id']}/history").json()
    completions = [e for e in history["data"] if e["action"] == "task.completed"]
    assert len(completions) == 1
