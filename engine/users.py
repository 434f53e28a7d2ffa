"""Account administration for operators (`nrm users …`): real users, also in production.

`nrm demo` makes demo users and is refused in production; these make the people who really
sign in. A changed password or a disabled account signs the user out everywhere (every
token of theirs is revoked).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, col, select

from engine.accounts import ensure_agencies, hash_password
from engine.agencies import ROLES
from engine.errors import ConflictError, FieldError, InvalidDataError, NotFoundError
from engine.models import User

KNOWN_ROLES = ("caseworker", "supervisor", "head", "policy", "reviewer", "rapporteur", "admin")
CASEWORK = frozenset({"caseworker", "supervisor", "head"})
LANE_AGENCIES = frozenset(r.code for r in ROLES if r.has_tasks)
AGENCIES = frozenset(r.code for r in ROLES)
MIN_PASSWORD = 10
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,99}$")


class AccountExistsError(ConflictError):
    """The username is taken."""

    title = "Account exists"


class UnknownUserError(NotFoundError):
    """No account has this username."""

    title = "Unknown user"


class OwnAccountError(ConflictError):
    """An admin may not disable the account they are signed in with."""

    title = "Own account"


def _invalid(field: str, message: str, code: str) -> InvalidDataError:
    """An account field that cannot be used (its message is the error's message too)."""
    return InvalidDataError(message, [FieldError(field, message, code)])


def add_user(
    session: Session,
    *,
    username: str,
    password: str,
    agency: str | None,
    roles: Sequence[str],
    now: datetime,
) -> User:
    """A new account (the agencies of the brief are created first when missing)."""
    if not USERNAME.match(username):
        raise _invalid(
            "username",
            "A username is 2-100 letters, digits, '.', '_' or '-', starting with a letter or "
            "digit.",
            "pattern",
        )
    if session.exec(select(User).where(col(User.username) == username)).first() is not None:
        raise AccountExistsError(f"User {username!r} exists already.", username=username)
    _check_roles(list(roles), agency)
    _check_password(password)
    ensure_agencies(session, now)
    session.flush()
    user = User(
        username=username,
        password_hash=hash_password(password),
        agency=agency,
        roles=sorted(set(roles), key=KNOWN_ROLES.index),
        created_at=now,
    )
    session.add(user)
    return user


def set_password(
    session: Session, *, username: str, password: str, now: datetime
) -> tuple[User, int]:
    """A new password; the account and how many of its sign-ins were ended."""
    _check_password(password)
    user = _user(session, username)
    user.password_hash = hash_password(password)
    session.add(user)
    return user, _sign_out(session, user, now)


def set_active(session: Session, *, username: str, active: bool, now: datetime) -> tuple[User, int]:
    """Enable or disable an account; disabling ends every sign-in (how many: returned)."""
    user = _user(session, username)
    user.active = active
    session.add(user)
    return user, 0 if active else _sign_out(session, user, now)


def list_users(session: Session) -> list[User]:
    """Every account, by username."""
    return list(session.exec(select(User).order_by(col(User.username))).all())


def _user(session: Session, username: str) -> User:
    user = session.exec(select(User).where(col(User.username) == username)).first()
    if user is None:
        raise UnknownUserError(f"No user {username!r}.", username=username)
    return user


def _sign_out(session: Session, user: User, now: datetime) -> int:
    result = session.execute(
        text("UPDATE api_token SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL"),
        {"now": now.replace(tzinfo=None), "user": user.id},
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _check_roles(roles: list[str], agency: str | None) -> None:
    unknown = sorted(set(roles) - set(KNOWN_ROLES))
    if not roles or unknown:
        problem = f"Unknown role(s): {', '.join(unknown)}." if unknown else "Give a role."
        raise _invalid("roles", f"{problem} Roles: {', '.join(KNOWN_ROLES)}.", "enum")
    if agency is not None and agency not in AGENCIES:
        agencies = ", ".join(sorted(AGENCIES))
        raise _invalid("agency", f"Unknown agency {agency!r}. Agencies: {agencies}.", "enum")
    if CASEWORK & set(roles) and agency not in LANE_AGENCIES:
        raise _invalid(
            "agency",
            "Caseworkers, supervisors and heads belong to an agency with lanes: "
            f"{', '.join(sorted(LANE_AGENCIES))}.",
            "required",
        )


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise _invalid(
            "password", f"A password has at least {MIN_PASSWORD} characters.", "minLength"
        )
