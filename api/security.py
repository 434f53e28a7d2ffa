"""Sign-in and bearer tokens.

Passwords: argon2 (engine.accounts). Tokens are opaque, `<token_id>.<secret>` with a
256-bit random secret; the database keeps only its HMAC-SHA256 under the server's secret key,
so a stolen table yields no usable token (a slow hash guards guessable passwords, not random
secrets). The token row is read on every request, so expiry and revocation hold at once.

Lockout, keyed on the normalised username (NFKC, case-folded, trimmed) and the client's
address: after `login_max_failures` failed sign-ins for a username from one address within
`login_window_seconds`, that address gets 429 with Retry-After (without checking the
password) until the oldest failure leaves the window. Each attempt is counted before the
password is checked, in one transaction that holds the username's lock, so parallel wrong
passwords get exactly `login_max_failures` tries. Another address is not locked out by them
(nobody can lock an account from afar): while the username has that many failures from
anywhere, a sign-in from an address that has not failed it waits `LOGIN_SLOWDOWN_SECONDS`
first. A successful sign-in clears its address's failures.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
import unicodedata
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import delete, text, update
from sqlalchemy.engine import Engine as Database
from sqlmodel import Session, col, select

from api.errors import BadCredentialsError, LockedOutError, NotAuthenticatedError
from api.models import ApiToken, LoginFailure
from api.schemas import TokenPublic
from api.services.policy import Caller
from engine.accounts import hash_password, verify_password
from engine.config import Settings
from engine.db import is_sqlite, write_session
from engine.facade import Engine
from engine.models import User
from engine.views import TokenRow

MAX_USERNAME = 100
_TOKEN_PART = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


def token_hash(secret_key: str, token_id: str, secret: str) -> str:
    """What the database keeps of a token: its HMAC-SHA256 under the server's secret key."""
    message = f"{token_id}.{secret}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()


LOGIN_SLOWDOWN_SECONDS = 1.0
pause = time.sleep  # how a slowed-down sign-in waits (tests replace it)
_LOCK = text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")


def _username_key(username: str) -> str:
    """A hash of the username as a person means it: `Police`, ` police` and `ｐｏｌｉｃｅ` are
    one."""
    normal = unicodedata.normalize("NFKC", username).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8", "replace")).hexdigest()


def _address_key(address: str) -> str:
    return hashlib.sha256(address.encode("utf-8", "replace")).hexdigest()


@cache
def _dummy_hash() -> str:
    """A password hash to verify against when the user does not exist (same timing)."""
    return hash_password(secrets.token_urlsafe(16))


def login(
    *,
    db: Database,
    settings: Settings,
    username: str,
    password: str,
    now: datetime,
    address: str = "",
) -> TokenPublic:
    """Check a username and password from a client `address` and issue a token; 401 when
    wrong, 429 when this address is locked out for this username."""
    key, where = _username_key(username), _address_key(address)
    with write_session(db) as session:
        if not is_sqlite(db):  # SQLite's write lock already orders these transactions
            session.execute(_LOCK, {"key": key})
        slow_down = _check_lockout(session, settings, key, where, now)
        attempt = LoginFailure(username_key=key, address_key=where, at=now)
        session.add(attempt)  # counted before the password is checked: a failure unless cleared
        user = _user(session, username)
        session.commit()
    if slow_down:
        pause(LOGIN_SLOWDOWN_SECONDS)
    password_hash = user.password_hash if user is not None else _dummy_hash()
    valid = verify_password(password_hash, password) and user is not None and user.active
    if not valid or user is None or user.id is None:
        raise BadCredentialsError("Wrong username or password.")
    with write_session(db) as session:
        session.execute(
            delete(LoginFailure).where(
                col(LoginFailure.username_key) == key, col(LoginFailure.address_key) == where
            )
        )
        token = issue_token(session=session, settings=settings, user_id=user.id, now=now)
        session.commit()
    return token


def _user(session: Session, username: str) -> User | None:
    if not username or len(username) > MAX_USERNAME or "\x00" in username:
        return None
    return session.exec(select(User).where(User.username == username)).first()


def _check_lockout(
    session: Session, settings: Settings, key: str, address_key: str, now: datetime
) -> bool:
    """429 when this address failed the username too often; True when it should wait first
    (the username failed that often from elsewhere)."""
    since = now - timedelta(seconds=settings.login_window_seconds)
    failures = session.exec(
        select(LoginFailure.address_key, LoginFailure.at).where(
            LoginFailure.username_key == key, LoginFailure.at > since
        )
    ).all()
    here = [at for address, at in failures if address == address_key]
    if len(here) >= settings.login_max_failures:
        wait = min(here) + timedelta(seconds=settings.login_window_seconds) - now
        retry_after = max(1, int(wait.total_seconds()) + 1)
        raise LockedOutError(
            f"Too many failed sign-ins; try again in {retry_after} seconds.",
            retry_after=retry_after,
        )
    return len(failures) >= settings.login_max_failures


def issue_token(
    *, session: Session, settings: Settings, user_id: int, now: datetime
) -> TokenPublic:
    """A new bearer token for a user (added to the session; the caller commits)."""
    token_id, secret = secrets.token_urlsafe(16), secrets.token_urlsafe(32)
    lifetime = timedelta(minutes=settings.token_minutes)
    session.add(
        ApiToken(
            id=token_id,
            user_id=user_id,
            secret_hash=token_hash(settings.secret_key, token_id, secret),
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    return TokenPublic(
        access_token=f"{token_id}.{secret}", expires_in=int(lifetime.total_seconds())
    )


def renew_token(
    *,
    db: Database,
    settings: Settings,
    token: str,
    user_id: int,
    now: datetime,
    grace: timedelta,
) -> TokenPublic | None:
    """A fresh token for the same user in place of `token`, which now ends after `grace`
    (a request already under way with it still passes). None when the old token is no
    longer the user's, or another request renewed it first (it already ends that soon)."""
    ends = now + grace
    with write_session(db) as session:
        result = session.execute(
            update(ApiToken)
            .where(
                col(ApiToken.id) == token.partition(".")[0],
                col(ApiToken.user_id) == user_id,
                col(ApiToken.revoked_at).is_(None),
                col(ApiToken.expires_at) > ends,
            )
            .values(expires_at=ends)
        )
        if getattr(result, "rowcount", 0) != 1:
            return None
        fresh = issue_token(session=session, settings=settings, user_id=user_id, now=now)
        session.commit()
    return fresh


def authenticate(
    *,
    session: Session,
    settings: Settings,
    token: str | None,
    now: datetime,
    expired_ok: bool = False,
) -> Caller:
    """The caller a bearer token belongs to, read in the session; 401 when missing, unknown,
    expired or revoked.

    `expired_ok` (the web pages only, to keep a form sent after its sign-in ended) accepts
    an authentic token past its expiry, never a revoked one or one of an inactive user.
    """
    token_id, secret = token_parts(token)
    token_row = Engine.token_in(session, token_id)
    return caller_of(token_row, token_id, secret, settings, now, expired_ok)


def token_parts(token: str | None) -> tuple[str, str]:
    """A bearer token's id and secret (401 when missing or malformed)."""
    if not token:
        raise NotAuthenticatedError("Sign in: send `Authorization: Bearer <token>`.")
    token_id, _, secret = token.partition(".")
    if len(token) > 200 or not _TOKEN_PART.match(token_id) or not _TOKEN_PART.match(secret):
        raise NotAuthenticatedError("Malformed bearer token.")
    return token_id, secret


def caller_of(
    row: TokenRow | None,
    token_id: str,
    secret: str,
    settings: Settings,
    now: datetime,
    expired_ok: bool = False,
) -> Caller:
    """The caller of a token read from the database (401 unless its secret matches the row's
    hash, and it is neither expired, revoked nor its user's disabled)."""
    expected = token_hash(settings.secret_key, token_id, secret)
    if row is None or not hmac.compare_digest(row.secret_hash, expected):
        raise NotAuthenticatedError("Unknown bearer token.")
    expired = row.expires_at <= now and not expired_ok
    if row.revoked_at is not None or expired or not row.active:
        raise NotAuthenticatedError("The bearer token has expired or was revoked.")
    return Caller(
        user_id=row.user_id, username=row.username, agency=row.agency, roles=frozenset(row.roles)
    )
