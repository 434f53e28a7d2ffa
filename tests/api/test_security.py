"""Token renewal (the web pages' sliding sign-in) and reading an expired token's owner;
the API's own tokens keep their rules: expired and revoked tokens are refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col

from api.errors import NotAuthenticatedError
from api.models import ApiToken
from api.schemas import TokenPublic
from api.security import authenticate, login, renew_token
from api.services.policy import Caller
from engine.config import Settings
from engine.db import read_session, write_session
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.api.conftest import PASSWORD

GRACE = timedelta(seconds=60)


def caller_of(engine: Engine, settings: Settings, token: str, expired_ok: bool = False) -> Caller:
    with read_session(engine.db) as session:
        return authenticate(
            session=session,
            settings=settings,
            token=token,
            now=engine.clock.now(),
            expired_ok=expired_ok,
        )


def renew(engine: Engine, settings: Settings, token: str, user_id: int) -> TokenPublic | None:
    return renew_token(
        db=engine.db,
        settings=settings,
        token=token,
        user_id=user_id,
        now=engine.clock.now(),
        grace=GRACE,
    )


def revoke(engine: Engine, token: str) -> None:
    with write_session(engine.db) as session:
        session.execute(
            update(ApiToken)
            .where(col(ApiToken.id) == token.partition(".")[0])
            .values(revoked_at=engine.clock.now())
        )
        session.commit()


def signed_in(engine: Engine, settings: Settings) -> str:
    token = login(
        db=engine.db, settings=settings, username="ngo", password=PASSWORD, now=engine.clock.now()
    )
    return token.access_token


def test_renew_token_issues_a_fresh_one_and_ends_the_old_after_the_grace(
    api_engine: Engine, api_settings: Settings, clock: FakeClock
) -> None:
    old = signed_in(api_engine, api_settings)
    user_id = caller_of(api_engine, api_settings, old).user_id
    fresh = renew(api_engine, api_settings, old, user_id)
    assert fresh is not None and fresh.access_token != old
    assert caller_of(api_engine, api_settings, old).username == "ngo"  # still in its grace
    clock.advance(GRACE + timedelta(seconds=1))
    with pytest.raises(NotAuthenticatedError):
        caller_of(api_engine, api_settings, old)
    assert caller_of(api_engine, api_settings, fresh.access_token).username == "ngo"


def test_renew_token_a_second_time_renews_nothing(
    api_engine: Engine, api_settings: Settings, clock: FakeClock
) -> None:
    old = signed_in(api_engine, api_settings)
    user_id = caller_of(api_engine, api_settings, old).user_id
    renewals = [renew(api_engine, api_settings, old, user_id) for _ in range(2)]
    assert renewals[0] is not None and renewals[1] is None


def test_renew_token_of_another_user_renews_nothing(
    api_engine: Engine, api_settings: Settings, clock: FakeClock
) -> None:
    old = signed_in(api_engine, api_settings)
    user_id = caller_of(api_engine, api_settings, old).user_id
    assert renew(api_engine, api_settings, old, user_id + 1) is None


def test_authenticate_expired_ok_knows_an_expired_token_but_never_a_revoked_one(
    api_engine: Engine, api_settings: Settings, clock: FakeClock
) -> None:
    token = signed_in(api_engine, api_settings)
    clock.advance(timedelta(minutes=api_settings.token_minutes + 1))
    with pytest.raises(NotAuthenticatedError):
        caller_of(api_engine, api_settings, token)
    assert caller_of(api_engine, api_settings, token, expired_ok=True).username == "ngo"
    revoke(api_engine, token)
    with pytest.raises(NotAuthenticatedError):
        caller_of(api_engine, api_settings, token, expired_ok=True)
