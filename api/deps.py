"""Request dependencies: settings, engine, session, the caller, and cases and tasks
loaded and authorised once (404 unknown, 403 another agency's)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Path, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from api.security import VerifiedTokens, authenticate
from api.services import visibility
from api.services.policy import Caller, casework_agency
from engine.config import Settings
from engine.db import read_session
from engine.errors import UnknownCaseError, UnknownTaskError, WrongAgencyError
from engine.facade import Engine
from engine.models import Case, HumanTask

_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


# Plain attribute reads: `async def` keeps them on the event loop (a sync dependency would
# cost a hop to the thread pool and back on every request).
async def get_engine(request: Request) -> Engine:
    """The app's engine."""
    engine: Engine = request.app.state.engine
    return engine


async def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_session(engine: EngineDep) -> Iterator[Session]:
    """A read session for the request."""
    with read_session(engine.db) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_caller(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> Caller:
    """The signed-in user (401 without a valid bearer token)."""
    with read_session(engine.db) as session:
        return _authenticate(session, request, engine, settings, token)


def _authenticate(
    session: Session, request: Request, engine: Engine, settings: Settings, token: str | None
) -> Caller:
    verified: VerifiedTokens = request.app.state.verified_tokens
    return authenticate(
        session=session, settings=settings, verified=verified, token=token, now=engine.clock.now()
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
    """A task of the caller's agency, its case, and the caller."""

    task: HumanTask
    case: Case
    caller: Caller


# Built once: composing a statement costs about as much as running it.
_TASK_AND_CASE = (
    select(HumanTask, Case)
    .join(Case, col(Case.id) == col(HumanTask.case_id))
    .where(col(HumanTask.id) == bindparam("task_id"))
)


def task_context(session: Session, task_id: str, caller: Caller) -> TaskContext:
    """The task, if it is in one of the caller's agency's lanes (404, 403)."""
    agency = casework_agency(caller)
    row = None
    if _ID.match(task_id):
        row = session.exec(_TASK_AND_CASE, params={"task_id": task_id}).first()
    if row is None:
        raise UnknownTaskError(f"No task {task_id[:64]}.")
    task, case = row
    if task.agency != agency:
        raise WrongAgencyError(f"Task {task.name!r} belongs to the {task.agency} lane.")
    return TaskContext(task, case, caller)


def load_task(task_id: str, engine: Engine, caller: Caller) -> TaskContext:
    """The task of a caller already known (the web pages' session user)."""
    with read_session(engine.db) as session:
        return task_context(session, task_id, caller)


def get_task(
    task_id: Annotated[str, Path(description="Task id")],
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> TaskContext:
    """The signed-in caller and their task, read in one session (401, 403, 404): the task
    routes take the caller from here rather than from `CurrentUser`."""
    with read_session(engine.db) as session:
        caller = _authenticate(session, request, engine, settings, token)
        return task_context(session, task_id, caller)


TaskDep = Annotated[TaskContext, Depends(get_task)]
