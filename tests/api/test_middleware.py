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


def test_every_api_response_is_not_cached_and_not_sniffed(
    api_engine: Engine, api_settings: Settings
) -> None:
    with small_client(api_engine, api_settings) as client:
        token = sign_in(client, "border").json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        responses = [
            client.get(API + "/cases", headers=auth),  # 200 with case data
            client.get(API + "/processes/api_case/diagram.svg", headers=auth),  # an SVG
            client.get(API + "/cases"),  # 401
            client.get(API + "/cases/nope", headers=auth),  # 404
            client.delete(API + "/cases", headers=auth),  # 405
            client.post(API + "/cases", content=b"x" * 2000, headers=auth),  # 413
            sign_in(client, "border", "wrong"),  # 401 from the sign-in
        ]
    assert [r.status_code for r in responses] == [200, 200, 401, 404, 405, 413, 401]
    for response in responses:
        assert response.headers["cache-control"] == "no-store", response.request.url
        assert response.headers["x-content-type-options"] == "nosniff", response.request.url


def test_a_repeated_authorization_or_idempotency_key_header_is_refused(
    api_engine: Engine, api_settings: Settings
) -> None:
    with small_client(api_engine, api_settings) as client:
        border = sign_in(client, "border").json()["access_token"]
        police = sign_in(client, "police").json()["access_token"]
        two_users = [("Authorization", f"Bearer {border}"), ("Authorization", f"Bearer {police}")]
        refused = client.get(API + "/me", headers=two_users)
        assert refused.status_code == 400 and refused.headers["content-type"] == PROBLEM_JSON
        assert refused.json()["title"] == "Repeated header"
        assert "Authorization" in refused.json()["detail"]
        body = {"process_id": "api_case", "data": {"pseudonym": "Aigul"}}
        two_keys = [
            ("Authorization", f"Bearer {border}"),
            ("Idempotency-Key", "k-1"),
            ("Idempotency-Key", "k-2"),
        ]
        again = client.post(API + "/cases", json=body, headers=two_keys)
        assert again.status_code == 400 and "Idempotency-Key" in again.json()["detail"]
        listed = client.get(API + "/cases", headers={"Authorization": f"Bearer {border}"})
    assert listed.json()["data"] == []  # nothing was started
