"""The thread pool of sync routes and dependencies: a few threads, `NRM_API_THREADS`."""

from __future__ import annotations

from anyio import to_thread
from fastapi.testclient import TestClient

from api.app import DEFAULT_API_THREADS, api_threads


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
