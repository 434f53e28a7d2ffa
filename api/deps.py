"""Request dependencies: settings, engine, session, the caller, and cases and tasks
loaded and authorised once (404 unknown, 403 another agency's)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Path, Request
from fastapi.security import OAuth2PasswordBearer
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


def get_engine(request: Request) -> Engine:
    """The app's engine."""
    engine: Engine = request.app.state.engine
    return engine


def get_settings(request: Request) -> Settings:
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
    verified: VerifiedTokens = request.app.state.verified_tokens
    with read_session(engine.db) as session:
        return authenticate(
            session=session,
            settings=settings,
            verified=verified,
            token=token,
            now=engine.clock.now(),
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
    """A task of the caller's agency and its case."""

    task: HumanTask
    case: Case


def load_task(
    task_id: Annotated[str, Path(description="Task id")], engine: EngineDep, caller: CurrentUser
) -> TaskContext:
    """The task, if it is in one of the caller's agency's lanes."""
    agency = casework_agency(caller)
    with read_session(engine.db) as session:
        row = None
        if _ID.match(task_id):
            row = session.exec(
                select(HumanTask, Case)
                .join(Case, col(Case.id) == col(HumanTask.case_id))
                .where(HumanTask.id == task_id)
            ).first()
    if row is None:
        raise UnknownTaskError(f"No task {task_id[:64]}.")
    task, case = row
    if task.agency != agency:
        raise WrongAgencyError(f"Task {task.name!r} belongs to the {task.agency} lane.")
    return TaskContext(task, case)


TaskDep = Annotated[TaskContext, Depends(load_task)]
