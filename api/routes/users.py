"""Accounts (admins): list, add, set a new password, disable, enable."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import CurrentUser, EngineDep
from api.routes.common import problems
from api.services import users
from api.user_schemas import AccountChanged, PasswordChange, UserCreate, UserPublic, UsersPublic

router = APIRouter(tags=["users"])
Username = Annotated[str, Path(max_length=100, description="Username")]


@router.get("/users", response_model=UsersPublic, responses=problems(401, 403))
def list_users(engine: EngineDep, caller: CurrentUser) -> UsersPublic:
    """Every account: username, agency, roles, whether it may sign in."""
    return users.list_users(engine=engine, caller=caller)


@router.post(
    "/users",
    status_code=201,
    response_model=UserPublic,
    responses=problems(401, 403, 409, 413, 422),
)
def add_user(body: UserCreate, engine: EngineDep, caller: CurrentUser) -> UserPublic:
    """Add an account. Roles: caseworker, supervisor (both need an agency with lanes),
    policy, reviewer, rapporteur, admin; a password of 10 or more characters."""
    return users.add_user(engine=engine, caller=caller, body=body)


@router.post(
    "/users/{username}/password",
    response_model=AccountChanged,
    responses=problems(401, 403, 404, 413, 422),
)
def set_password(
    username: Username, body: PasswordChange, engine: EngineDep, caller: CurrentUser
) -> AccountChanged:
    """Set a new password; every sign-in of the user ends."""
    return users.set_password(
        engine=engine, caller=caller, username=username, password=body.password
    )


@router.post(
    "/users/{username}/disable",
    response_model=AccountChanged,
    responses=problems(401, 403, 404, 409),
)
def disable(username: Username, engine: EngineDep, caller: CurrentUser) -> AccountChanged:
    """Stop an account from signing in; every sign-in of the user ends (not your own)."""
    return users.set_active(engine=engine, caller=caller, username=username, active=False)


@router.post(
    "/users/{username}/enable", response_model=AccountChanged, responses=problems(401, 403, 404)
)
def enable(username: Username, engine: EngineDep, caller: CurrentUser) -> AccountChanged:
    """Let a disabled account sign in again."""
    return users.set_active(engine=engine, caller=caller, username=username, active=True)
