"""The accounts page (admins): every account, add one, set a new password, disable or
enable — the API's account services (api/services/users.py), so the same rules apply."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.responses import RedirectResponse, Response

from api.deps import EngineDep
from api.services import users
from api.user_schemas import UserCreate
from engine.agencies import ROLES
from engine.errors import ConflictError, InvalidDataError, NotFoundError
from engine.facade import Engine
from engine.users import KNOWN_ROLES
from forms.web.deps import PostedForm, WebUser
from forms.web.render import page, session_of
from forms.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Username = Annotated[str, Path(max_length=100)]


def users_page(
    request: Request, engine: Engine, caller: Any, *, status: int = 200, **form: Any
) -> Response:
    """The accounts and the add form (with what was typed and its errors, if any)."""
    context: dict[str, Any] = {"typed": {}, "errors": {}, "problem": None}
    context.update(form)
    return page(
        request,
        "users.html",
        status=status,
        accounts=users.list_users(engine=engine, caller=caller).data,
        agencies=[r.code for r in ROLES],
        roles=KNOWN_ROLES,
        **context,
    )


@router.get("/users")
def show_users(request: Request, engine: EngineDep, caller: WebUser) -> Response:
    """Every account and a form to add one."""
    return users_page(request, engine, caller)


@router.post("/users")
def add_user(request: Request, form: PostedForm, engine: EngineDep, caller: WebUser) -> Response:
    """Add an account; its errors are shown next to their fields."""
    users.require_admin(caller)
    # Cut to the lengths UserCreate allows: the rules themselves are engine/users.py's.
    username = str(form.get("username") or "").strip()[:100]
    agency = str(form.get("agency") or "")[:64] or None
    roles = [str(r)[:32] for r in form.getlist("roles")][:6]
    typed: dict[str, Any] = {"username": username, "agency": agency, "roles": roles}
    try:
        body = UserCreate(
            username=username,
            password=str(form.get("password") or "")[:1000],
            agency=agency,
            roles=roles,
        )
        created = users.add_user(engine=engine, caller=caller, body=body)
    except InvalidDataError as exc:
        errors = {e.field: f"users.error.{e.field}" for e in exc.errors}
        return users_page(request, engine, caller, status=422, typed=typed, errors=errors)
    except ConflictError:
        errors = {"username": "users.error.exists"}
        return users_page(request, engine, caller, status=409, typed=typed, errors=errors)
    session_of(request).update(flash={"kind": "account", "key": "users.added",
                                      "name": created.username})  # fmt: skip
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{username}")
def change_user(
    request: Request, username: Username, form: PostedForm, engine: EngineDep, caller: WebUser
) -> Response:
    """Set a new password, disable or enable an account (the button pressed says which)."""
    action = str(form.get("action") or "")
    try:
        if action == "password":
            password = str(form.get("password") or "")[:1000]
            users.set_password(engine=engine, caller=caller, username=username, password=password)
        elif action in ("disable", "enable"):
            users.set_active(
                engine=engine, caller=caller, username=username, active=action == "enable"
            )
        else:
            return users_page(request, engine, caller, status=400)
    except InvalidDataError:
        return users_page(request, engine, caller, status=422, problem="users.error.password")
    except NotFoundError:
        return users_page(request, engine, caller, status=404, problem="users.error.unknown")
    except ConflictError:
        return users_page(request, engine, caller, status=409, problem="users.error.own")
    flash = {"kind": "account", "key": f"users.done.{action}", "name": username}
    session_of(request).update(flash=flash)
    return RedirectResponse("/users", status_code=303)
