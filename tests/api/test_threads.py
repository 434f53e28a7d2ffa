"""The thread pool of sync routes and dependencies: a few threads, `NRM_API_THREADS`."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from anyio import to_thread
from fastapi.testclient import TestClient

from api import deps
from api.app import DEFAULT_API_THREADS, api_threads
from tests.api.conftest import API, sign_in


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
