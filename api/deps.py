"""Request dependencies: settings, engine, session, the caller, and cases and tasks
loaded and authorised once (404 unknown, 403 another agency's)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, FastAPI, Header, Path, Request
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api import rows
from api.security import TokenLookup, VerifiedTokens, authenticate_on
from api.services import visibility
from api.services.policy import Caller, casework_agency
from engine.config import Settings
from engine.db import read_session
from engine.errors import UnknownCaseError, UnknownTaskError, WrongAgencyError
from engine.facade import Engine
from engine.fastsql import CaseRow, FastSql, TaskRow
from engine.models import Case

_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)
T = TypeVar("T")


# Plain attribute reads: `async def` keeps them on the event loop (a sync dependency would
# cost a hop to the thread pool and back on every request).
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


def get_session(engine: EngineDep) -> Iterator[Session]:
    """A read session for the request."""
    with read_session(engine.db) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


async def _reading(app: FastAPI, token: str | None, read: Callable[[], T]) -> T:
    """`read` (the caller, maybe the task) on the event loop on SQLite: rows read by primary
    key on a pooled driver connection (tens of microseconds, never waiting on a lock: readers
    see a WAL snapshot) cost less than a hop to the thread pool and back. On PostgreSQL each
    read waits a network round trip, which on the loop would stall every other request (a
    database on another host: a millisecond or more), so it reads in the pool. A token this
    process has not verified yet takes an argon2 verification (milliseconds): that request
    reads in the pool too."""
    verified: VerifiedTokens = app.state.verified_tokens
    on_loop = app.state.engine.db.dialect.name == "sqlite"
    if on_loop and (not token or verified.knows_token(token)):
        return read()
    return await run_in_threadpool(read)


async def get_caller(
    request: Request, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> Caller:
    """The signed-in user (401 without a valid bearer token)."""
    return await caller_of(request.app, token)


async def caller_of(app: FastAPI, token: str | None) -> Caller:
    """The user a bearer token belongs to (401 when missing, unknown, expired or revoked)."""
    # The engine and settings are read from the app here, not as dependencies: FastAPI
    # spends ~20 µs resolving each one, on every request.

    def read() -> Caller:
        with rows.reading(app.state.engine.db) as sql:
            return _authenticate(sql, app, token)

    return await _reading(app, token, read)


def _authenticate(
    sql: FastSql, app: FastAPI, token: str | None, lookup: TokenLookup = rows.token
) -> Caller:
    state = app.state
    return authenticate_on(
        sql=sql,
        settings=state.settings,
        verified=state.verified_tokens,
        token=token,
        now=state.engine.clock.now(),
        lookup=lookup,
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
    """A task of the caller's agency, its case (without its state), and the caller."""

    task: TaskRow
    case: CaseRow
    caller: Caller


def task_context(sql: FastSql, task_id: str, caller: Caller) -> TaskContext:
    """The task, if it is in one of the caller's agency's lanes (404, 403)."""
    found = rows.task_and_case(sql, task_id) if _ID.match(task_id) else None
    return _task_context(found, task_id, caller)


def _task_context(
    found: tuple[TaskRow, CaseRow] | None, task_id: str, caller: Caller
) -> TaskContext:
    agency = casework_agency(caller)
    if found is None:
        raise UnknownTaskError(f"No task {task_id[:64]}.")
    task, case = found
    if task.agency != agency:
        raise WrongAgencyError(f"Task {task.name!r} belongs to the {task.agency} lane.")
    return TaskContext(task, case, caller)


def load_task(task_id: str, engine: Engine, caller: Caller) -> TaskContext:
    """The task of a caller already known (the web pages' session user)."""
    with rows.reading(engine.db) as sql:
        return task_context(sql, task_id, caller)


async def get_task(
    task_id: Annotated[str, Path(description="Task id")],
    request: Request,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> TaskContext:
    """The signed-in caller and their task, read on one connection (401, 403, 404): the
    task routes take the caller from here rather than from `CurrentUser`."""
    return await caller_and_task(request.app, token, task_id)


async def caller_and_task(app: FastAPI, token: str | None, task_id: str) -> TaskContext:
    """The caller a bearer token belongs to and their task (401, 403, 404)."""

    def read() -> TaskContext:
        found: list[tuple[TaskRow, CaseRow] | None] = [None]

        def lookup(sql: FastSql, token_id: str) -> rows.TokenRow | None:
            # The token and the task in one statement (one round trip on PostgreSQL).
            if not _ID.match(task_id):
                return rows.token(sql, token_id)
            row, found[0] = rows.token_and_task(sql, token_id, task_id)
            return row

        with rows.reading(app.state.engine.db) as sql:
            caller = _authenticate(sql, app, token, lookup)
        return _task_context(found[0], task_id, caller)

    return await _reading(app, token, read)


TaskDep = Annotated[TaskContext, Depends(get_task)]
