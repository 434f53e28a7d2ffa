"""Sign-in, tokens, lockout and /me."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import Session

from api import security
from api.errors import BadCredentialsError, LockedOutError
from api.models import ApiToken
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.api.conftest import API, PASSWORD, PROBLEM_JSON, TOKEN_MINUTES, sign_in


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
    assert secret not in row.secret_hash and token not in row.secret_hash
    # HMAC-SHA256 under the server's secret key: 64 hex digits, nothing of the token.
    settings = api_engine.settings
    assert row.secret_hash == security.token_hash(settings.secret_key, token_id, secret)
    assert len(row.secret_hash) == 64 and int(row.secret_hash, 16) >= 0


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


def test_read_me_with_revoked_token_is_401_at_once(
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


def test_a_token_signed_with_another_secret_key_is_401(
    client: TestClient, api_engine: Engine
) -> None:
    """The stored hash is an HMAC under the server's key: a row whose hash was made under
    another key (a stolen table replayed elsewhere, a key changed) matches no token."""
    token = sign_in(client, "police").json()["access_token"]
    token_id, secret = token.split(".")
    with Session(api_engine.db) as session:
        row = session.execute(select(ApiToken)).scalar_one()
        row.secret_hash = security.token_hash("another-key", token_id, secret)
        session.add(row)
        session.commit()
    assert client.get(API + "/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_a_token_with_a_changed_secret_or_id_is_401(client: TestClient) -> None:
    token = sign_in(client, "police").json()["access_token"]
    token_id, secret = token.split(".")
    sign_in(client, "ngo")  # another token of the same server
    changed = secret[:-1] + ("B" if secret.endswith("A") else "A")
    for bad in (f"{token_id}.{changed}", f"{token_id}.{secret}x", f"{token_id}x.{secret}"):
        response = client.get(API + "/me", headers={"Authorization": f"Bearer {bad}"})
        assert response.status_code == 401, bad


def test_parallel_wrong_passwords_get_exactly_the_allowed_tries(api_engine: Engine) -> None:
    settings = api_engine.settings

    def attempt(_: int) -> str:
        try:
            security.login(
                db=api_engine.db,
                settings=settings,
                username="police",
                password="wrong",
                now=api_engine.clock.now(),
                address="10.0.0.9",
            )
        except LockedOutError:
            return "locked"
        except BadCredentialsError:
            return "wrong"
        return "signed in"

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(attempt, range(12)))
    assert outcomes.count("wrong") == settings.login_max_failures == 5
    assert outcomes.count("locked") == 7


def test_a_lockout_holds_the_address_that_failed_and_slows_down_the_others(
    api_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, now = api_engine.settings, api_engine.clock.now()
    waits: list[float] = []
    monkeypatch.setattr(security, "pause", waits.append)

    def sign_in_from(address: str, username: str, password: str = PASSWORD) -> str:
        try:
            security.login(
                db=api_engine.db,
                settings=settings,
                username=username,
                password=password,
                now=now,
                address=address,
            )
        except LockedOutError:
            return "locked"
        except BadCredentialsError:
            return "wrong"
        return "signed in"

    # Case and width variants of one username are one username.
    for variant in ("police", "Police", " POLICE ", "ｐｏｌｉｃｅ", "police"):
        assert sign_in_from("10.0.0.9", variant, "wrong") == "wrong"
    assert sign_in_from("10.0.0.9", "police") == "locked"  # even the right password
    assert waits == []
    # The attacker cannot lock the account: its owner signs in from elsewhere, a little slower.
    assert sign_in_from("10.0.0.7", "police") == "signed in"
    assert waits == [security.LOGIN_SLOWDOWN_SECONDS]
    assert sign_in_from("10.0.0.9", "ngo") == "signed in"  # other users are not affected
