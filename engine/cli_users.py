"""`nrm users …`: the accounts people sign in with (engine/users.py), also in production."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, TypeVar

import typer
from sqlmodel import Session

from engine.config import load_settings
from engine.db import write_session
from engine.errors import NrmError
from engine.migrate import open_migrated

users_app = typer.Typer(
    help="User accounts: list, add, new password, disable, enable.", no_args_is_help=True
)
T = TypeVar("T")


def _new_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


def _accounts(change: Callable[[Session, datetime], T]) -> T:
    settings = load_settings()
    try:
        with write_session(open_migrated(settings.database_url)) as session:
            result = change(session, datetime.now(UTC))
            session.commit()
    except NrmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    return result


@users_app.command("list")
def users_list() -> None:
    """Every account: username, agency, roles, and whether it may sign in."""
    from engine.users import list_users

    for user in _accounts(lambda session, _now: list_users(session)):
        state = "" if user.active else "  (disabled)"
        typer.echo(f"{user.username:32} {user.agency or '-':20} {','.join(user.roles)}{state}")


@users_app.command("add")
def users_add(
    username: str,
    role: Annotated[list[str], typer.Option(help="caseworker, supervisor, policy, …")],
    agency: Annotated[str | None, typer.Option(help="Agency code, e.g. police")] = None,
    password_stdin: Annotated[bool, typer.Option(help="Read the password from stdin")] = False,
) -> None:
    """Add an account (also in production; the agencies of the brief are created if needed)."""
    from engine.users import add_user

    password = _new_password(password_stdin)
    user = _accounts(
        lambda session, now: add_user(
            session, username=username, password=password, agency=agency, roles=role, now=now
        )
    )
    typer.echo(f"added {user.username} ({user.agency or 'no agency'}: {', '.join(user.roles)})")


@users_app.command("password")
def users_password(
    username: str,
    password_stdin: Annotated[bool, typer.Option(help="Read the password from stdin")] = False,
) -> None:
    """Set a new password; the user is signed out everywhere."""
    from engine.users import set_password

    password = _new_password(password_stdin)
    _user, ended = _accounts(
        lambda session, now: set_password(session, username=username, password=password, now=now)
    )
    typer.echo(f"new password for {username}; {ended} sign-in(s) ended")


@users_app.command("disable")
def users_disable(username: str) -> None:
    """Stop an account from signing in; it is signed out everywhere."""
    from engine.users import set_active

    _user, ended = _accounts(
        lambda session, now: set_active(session, username=username, active=False, now=now)
    )
    typer.echo(f"disabled {username}; {ended} sign-in(s) ended")


@users_app.command("enable")
def users_enable(username: str) -> None:
    """Let a disabled account sign in again."""
    from engine.users import set_active

    _accounts(lambda session, now: set_active(session, username=username, active=True, now=now))
    typer.echo(f"enabled {username}")
