"""Request dependencies: settings, engine, the caller, and cases and tasks
loaded and authorised once (404 unknown, 403 another agency's)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Path, Request
from fastapi.security import OAuth2PasswordBearer

from api.security import caller_of, token_parts
from api.services import inbox, visibility
from api.services.policy import Caller, casework_agency
from engine.config import Settings
from engine.db import read_session
from engine.errors import UnknownCaseError, UnknownTaskError, WrongAgencyError
from engine.facade import Engine
from engine.models import Case
from engine.views import CaseRow, TaskRow

_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


# Plain attribute reads: `async def` keeps them on the event loop (a sync dependency costs a
# hop to the thread pool). Everything that reads the database is a sync function instead:
# FastAPI runs it in the thread pool, so no request ever waits for the database on the loop.
def app_engine(request: Request) -> Engine:
    """The app's engine (for the busiest routes and dependencies, without `EngineDep`)."""
    engine: Engine = request.app.state.engine
    return engine


async def get_engine(request: Request) -> Engine:
    """The app's engine."""
    return app_engine(request)


async def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
BearerToken = Annotated[str | None, Depends(oauth2_scheme)]


def get_caller(request: Request, token: BearerToken) -> Caller:
    """The signed-in user (401 without a valid bearer token)."""
    engine = app_engine(request)
    token_id, secret = token_parts(token)
    return caller_of(
        engine.read_token(token_id), token_id, secret, engine.settings, engine.clock.now()
    )


CurrentUser = Annotated[Caller, Depends(get_caller)]

IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="Send the same key again to get the first result instead of acting twice.",
    ),
]


def load_case(
    case_id: Annotated[str, Path(description="Case id")], engine: EngineDep, caller: CurrentUser
) -> Case:
    """The case, if the caller's agency takes part in it."""
    agency = casework_agency(caller)
    with read_session(engine.db) as session:
        case = session.get(Case, case_id) if _ID.match(case_id) else None
        if case is None:
            raise UnknownCaseError(f"No case {case_id[:64]}.")
        visibility.require_participant(session, case, agency)
    return case


CaseDep = Annotated[Case, Depends(load_case)]


@dataclass(frozen=True)
class TaskContext:
    """A task of the caller's agency, its case (without its state), and the caller; or, to
    read only, a task of another agency whose escalation ladder told the caller's rung."""

    task: TaskRow
    case: CaseRow
    caller: Caller
    read_only: bool = False


def _task_context(
    found: tuple[TaskRow, CaseRow] | None,
    task_id: str,
    caller: Caller,
    engine: Engine | None = None,
) -> TaskContext:
    """The task for the caller (404 unknown, 403 another agency's); given the `engine`, a
    task escalated to the caller's agency and role is read-only instead of refused."""
    agency = casework_agency(caller)
    if found is None:
        raise UnknownTaskError(f"No task {task_id[:64]}.")
    task, case = found
    if task.agency != agency:
        if engine is not None and _told(engine, task.id, caller):
            return TaskContext(task, case, caller, read_only=True)
        raise WrongAgencyError(f"Task {task.name!r} belongs to the {task.agency} lane.")
    return TaskContext(task, case, caller)


def _told(engine: Engine, task_id: str, caller: Caller) -> bool:
    with read_session(engine.db) as session:
        return inbox.told_of(session, task_id, caller)


def load_task(
    task_id: str, engine: Engine, caller: Caller, *, reading: bool = False
) -> TaskContext:
    """The task of a caller already known (the web pages' session user); `reading`: also a
    task escalated to the caller, read-only."""
    found = engine.read_task_and_case(task_id) if _ID.match(task_id) else None
    return _task_context(found, task_id, caller, engine if reading else None)


def get_task(
    task_id: Annotated[str, Path(description="Task id")], request: Request, token: BearerToken
) -> TaskContext:
    """The signed-in caller and their task, read on one connection (401, 403, 404): the
    task routes take the caller from here rather than from `CurrentUser`."""
    return _caller_and_task(task_id, request, token, reading=False)


def get_task_to_read(
    task_id: Annotated[str, Path(description="Task id")], request: Request, token: BearerToken
) -> TaskContext:
    """As `get_task`, and also a task escalated to the caller's agency and role (the rung
    its ladder told), read-only."""
    return _caller_and_task(task_id, request, token, reading=True)


def _caller_and_task(
    task_id: str, request: Request, token: str | None, *, reading: bool
) -> TaskContext:
    engine = app_engine(request)
    token_id, secret = token_parts(token)
    if _ID.match(task_id):  # the token and the task in one statement (one round trip)
        token_row, found = engine.read_token_and_task(token_id, task_id)
    else:
        token_row, found = engine.read_token(token_id), None
    caller = caller_of(token_row, token_id, secret, engine.settings, engine.clock.now())
    return _task_context(found, task_id, caller, engine if reading else None)


TaskDep = Annotated[TaskContext, Depends(get_task)]
ReadableTaskDep = Annotated[TaskContext, Depends(get_task_to_read)]
