"""Sign-in and the signed-in user."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm

from api.deps import CurrentUser, EngineDep, SettingsDep
from api.routes.common import problems
from api.schemas import MePublic, TokenPublic
from api.security import login

router = APIRouter(tags=["auth"])


@router.post("/auth/token", response_model=TokenPublic, responses=problems(401, 422, 429))
def create_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    engine: EngineDep,
    settings: SettingsDep,
    request: Request,
) -> TokenPublic:
    """Sign in with username and password (OAuth2 password form); returns a bearer token.

    Repeated failures for a username from one address lock that address out for a short
    while (429, Retry-After); other addresses are slowed down, not locked out.
    """
    return login(
        db=engine.db,
        settings=settings,
        username=form.username,
        password=form.password,
        now=engine.clock.now(),
        address=request.client.host if request.client else "",
    )


@router.get("/me", response_model=MePublic, responses=problems(401))
def read_me(caller: CurrentUser) -> MePublic:
    """The signed-in user: username, agency and roles."""
    return MePublic(username=caller.username, agency=caller.agency, roles=sorted(caller.roles))
