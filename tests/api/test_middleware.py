"""Request bodies over the limit get 413, declared or streamed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from fastapi.testclient import TestClient

from api.app import create_app
from engine.config import Settings
from engine.facade import Engine
from tests.api.conftest import API, PROBLEM_JSON, sign_in


def small_client(api_engine: Engine, api_settings: Settings) -> TestClient:
    return TestClient(create_app(replace(api_settings, max_body_bytes=1000), api_engine))


def test_body_over_limit_is_413(api_engine: Engine, api_settings: Settings) -> None:
    with small_client(api_engine, api_settings) as client:
        token = sign_in(client, "border").json()["access_token"]
        body = {"process_id": "api_case", "data": {"pseudonym": "x" * 2000}}
        response = client.post(
            API + "/cases", json=body, headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["title"] == "Request body too large"


def test_streamed_body_over_limit_is_413(api_engine: Engine, api_settings: Settings) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"process_id": "api_case", "data": {"pseudonym": "'
        for _ in range(20):
            yield b"x" * 100
        yield b'"}}'

    with small_client(api_engine, api_settings) as client:
        response = client.post(
            API + "/cases", content=chunks(), headers={"content-type": "application/json"}
        )
    assert response.status_code == 413


def test_body_under_limit_passes(api_engine: Engine, api_settings: Settings) -> None:
    with small_client(api_engine, api_settings) as client:
        assert sign_in(client, "border").status_code == 200
