"""Sign-in, tokens, lockout and /me."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import Session

from api import security
from api.models import ApiToken
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.api.conftest import API, PROBLEM_JSON, TOKEN_MINUTES, AsUser, sign_in


def test_create_token_returns_bearer_token(client: TestClient) -> None:
    response = sign_in(client, "police")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == TOKEN_MINUTES * 60
    me = client.get(API + "/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json() == {"username": "police", "agency": "police", "roles": ["caseworker"]}


def test_create_token_stores_only_a_hash_of_the_secret(
    client: TestClient, api_engine: Engine
) -> None:
    token = sign_in(client, "ngo").json()["access_token"]
    token_id, secret = token.split(".")
    with Session(api_engine.db) as session:
        row = session.execute(select(ApiToken)).scalar_one()
    assert row.id == token_id
    assert secret not in row.secret_hash
    assert row.secret_hash.startswith("$argon2id$")


def test_create_token_refuses_bad_password(client: TestClient) -> None:
    response = sign_in(client, "police", "wrong")
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["title"] == "Bad credentials"


def test_create_token_refuses_unknown_user_like_a_bad_password(client: TestClient) -> None:
    response = sign_in(client, "nobody")
    assert response.status_code == 401
    assert response.json()["detail"] == sign_in(client, "police", "x").json()["detail"]


def test_create_token_locks_out_after_repeated_failures(
    client: TestClient, clock: FakeClock
) -> None:
    for _ in range(5):
        assert sign_in(client, "police", "wrong").status_code == 401
    locked = sign_in(client, "police")  # even the right password waits
    assert locked.status_code == 429
    assert locked.headers["content-type"] == PROBLEM_JSON
    assert 1 <= int(locked.headers["retry-after"]) <= 301
    assert sign_in(client, "ngo").status_code == 200  # other users are not affected
    clock.advance(timedelta(seconds=301))
    assert sign_in(client, "police").status_code == 200


def test_create_token_success_clears_failures(client: TestClient) -> None:
    for _ in range(4):
        sign_in(client, "police", "wrong")
    assert sign_in(client, "police").status_code == 200
    for _ in range(4):
        sign_in(client, "police", "wrong")
    assert sign_in(client, "police").status_code == 200


def test_create_token_with_missing_fields_is_422(client: TestClient) -> None:
    response = client.post(API + "/auth/token", data={"username": "police"})
    assert response.status_code == 422
    assert {"field": "password", "message": "Field required"} in response.json()["errors"]


def test_read_me_without_token_is_401(client: TestClient) -> None:
    response = client.get(API + "/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["type"].endswith("/not-authenticated")


def test_read_me_with_bad_tokens_is_401(client: TestClient) -> None:
    token = sign_in(client, "police").json()["access_token"]
    token_id = token.split(".")[0]
    for bad in ("garbage", f"{token_id}.wrongsecret", "x.y", token + "x", "a" * 300, "a!b.c d"):
        response = client.get(API + "/me", headers={"Authorization": f"Bearer {bad}"})
        assert response.status_code == 401, bad


def test_read_me_with_expired_token_is_401(client: TestClient, clock: FakeClock) -> None:
    token = sign_in(client, "police").json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(API + "/me", headers=headers).status_code == 200
    clock.advance(timedelta(minutes=TOKEN_MINUTES + 1))
    assert client.get(API + "/me", headers=headers).status_code == 401


def test_read_me_with_revoked_token_is_401_even_when_cached(
    client: TestClient, api_engine: Engine, clock: FakeClock
) -> None:
    token = sign_in(client, "police").json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(API + "/me", headers=headers).status_code == 200
    with Session(api_engine.db) as session:
        row = session.execute(select(ApiToken)).scalar_one()
        row.revoked_at = clock.now()
        session.add(row)
        session.commit()
    assert client.get(API + "/me", headers=headers).status_code == 401


def test_read_me_verifies_argon2_once_per_token(
    as_user: AsUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    hasher = security.TOKEN_HASHER

    class Counting:
        def verify(self, hash_: str, secret: str) -> bool:
            calls.append(hash_)
            return hasher.verify(hash_, secret)

    police = as_user("police")
    monkeypatch.setattr(security, "TOKEN_HASHER", Counting())
    for _ in range(3):
        assert police.get("/me").status_code == 200
    assert len(calls) == 1
