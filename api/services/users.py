"""Account administration for admins, on engine/users.py (one transaction each)."""

from __future__ import annotations

from api.errors import RoleRequiredError
from api.services.policy import Caller
from api.user_schemas import AccountChanged, UserCreate, UserPublic, UsersPublic
from engine import users
from engine.db import read_session, write_session
from engine.facade import Engine
from engine.models import User


def require_admin(caller: Caller) -> None:
    """Accounts are for admins."""
    if "admin" not in caller.roles:
        raise RoleRequiredError("Only admins manage accounts.", roles=sorted(caller.roles))


def _public(user: User) -> UserPublic:
    return UserPublic(
        username=user.username,
        agency=user.agency,
        roles=list(user.roles),
        active=user.active,
        created_at=user.created_at,
    )


def list_users(*, engine: Engine, caller: Caller) -> UsersPublic:
    """Every account."""
    require_admin(caller)
    with read_session(engine.db) as session:
        return UsersPublic(data=[_public(u) for u in users.list_users(session)])


def add_user(*, engine: Engine, caller: Caller, body: UserCreate) -> UserPublic:
    """A new account."""
    require_admin(caller)
    with write_session(engine.db) as session:
        user = users.add_user(
            session,
            username=body.username,
            password=body.password,
            agency=body.agency,
            roles=body.roles,
            now=engine.clock.now(),
        )
        session.commit()
        return _public(user)


def set_password(*, engine: Engine, caller: Caller, username: str, password: str) -> AccountChanged:
    """A new password; the user is signed out everywhere."""
    require_admin(caller)
    with write_session(engine.db) as session:
        user, ended = users.set_password(
            session, username=username, password=password, now=engine.clock.now()
        )
        session.commit()
        return AccountChanged(username=user.username, active=user.active, sign_ins_ended=ended)


def set_active(*, engine: Engine, caller: Caller, username: str, active: bool) -> AccountChanged:
    """Enable or disable an account (disabling signs the user out everywhere)."""
    require_admin(caller)
    if not active and username == caller.username:
        raise users.OwnAccountError("Admins cannot disable the account they are signed in with.")
    with write_session(engine.db) as session:
        user, ended = users.set_active(
            session, username=username, active=active, now=engine.clock.now()
        )
        session.commit()
        return AccountChanged(username=user.username, active=user.active, sign_ins_ended=ended)
