"""The hand-written SQL: the statements every step and every API request runs, and the rows
they read and write.

These statements go to the driver's cursor directly (`engine.driversql`), inside the
transaction SQLAlchemy manages: building and processing a statement in SQLAlchemy costs more
than a step's workflow work (docs/decisions/hand-written-sql.md). Their column lists and
date-time columns come from the SQLModel tables (`engine.models`); each row dataclass takes
its fields in its table's column order, and tests/engine/test_rowsql.py fails when a table
gains a column the rows here do not carry.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, TypeVar

from sqlmodel import SQLModel

from engine.driversql import DriverSql
from engine.models import Case, CaseFact, HumanTask, Timer, UTCDateTime


def _columns(model: type[SQLModel], *, without: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(c.name for c in model.__table__.columns if c.name not in without)  # type: ignore[attr-defined]


def _times(model: type[SQLModel]) -> frozenset[str]:
    table = model.__table__  # type: ignore[attr-defined]
    return frozenset(c.name for c in table.columns if isinstance(c.type, UTCDateTime))


# A case row without its state (read apart: only a step that restores the workflow needs it).
CASE_COLUMNS = _columns(Case, without=("state",))
TASK_COLUMNS = _columns(HumanTask)
TIMER_COLUMNS = _columns(Timer)
FACT_COLUMNS = _columns(CaseFact)
_TIMES = _times(Case) | _times(HumanTask)
# Where the date-times are in a row of CASE_COLUMNS / TASK_COLUMNS (the rows' dataclasses
# take their fields in the columns' order: tests/engine/test_rowsql.py checks).
_CASE_TIMES = tuple(i for i, c in enumerate(CASE_COLUMNS) if c in _TIMES)
_TASK_TIMES = tuple(i for i, c in enumerate(TASK_COLUMNS) if c in _TIMES)


@dataclass
class CaseRow:
    """A case row without its state (same attribute names as `engine.models.Case`)."""

    id: str
    number: str
    process_id: str
    process_version_id: int
    status: str
    outcome: str | None
    reporting_agency: str
    created_by: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    serializer_version: str
    version: int
    summary: str | None = None


@dataclass
class TaskRow:
    """A human task row (same attribute names as `engine.models.HumanTask`)."""

    id: str
    case_id: str
    process_id: str
    bpmn_id: str
    name: str
    lane: str | None
    agency: str | None
    form: str | None
    status: str
    created_at: datetime
    due_at: datetime | None
    claimed_by: str | None
    claimed_at: datetime | None
    completed_by: str | None
    completed_at: datetime | None


@dataclass(frozen=True)
class TimerRow:
    """A waiting timer's row (same attribute names as `engine.models.Timer`)."""

    id: str
    case_id: str
    bpmn_id: str
    name: str
    fire_at: datetime


@dataclass(frozen=True)
class FactRow:
    """A statistics fact's row (same attribute names as `engine.models.CaseFact`)."""

    case_id: str
    name: str
    value: str
    at: datetime


def case_row(row: Sequence[Any]) -> CaseRow:
    """A CaseRow from a row selected with CASE_COLUMNS."""
    return CaseRow(*_with_times(row, _CASE_TIMES))


def task_row(row: Sequence[Any]) -> TaskRow:
    """A TaskRow from a row selected with TASK_COLUMNS."""
    return TaskRow(*_with_times(row, _TASK_TIMES))


def values(sql: DriverSql, row: CaseRow | TaskRow | TimerRow | FactRow) -> tuple[Any, ...]:
    """Parameters to insert a row in its columns' order, date-times as stored."""
    return tuple(sql.when(v) if isinstance(v, datetime) else v for v in row.__dict__.values())


# The statements of a step (engine/store.py runs them in the step's transaction).

_CASE_SELECT = f"SELECT {', '.join(CASE_COLUMNS)} FROM nrm_case"
_TASK_SELECT = f"SELECT {', '.join(TASK_COLUMNS)} FROM human_task"
_CASE_OF_TASK = "(SELECT case_id FROM human_task WHERE id = ?)"
_OPEN_OR_ONE = "(status = ? OR id = ?) ORDER BY created_at, name"
# The case (a lock suffix appended on PostgreSQL); its state apart.
CASE = f"{_CASE_SELECT} WHERE id = ?"
STATE = "SELECT state, serializer_version FROM nrm_case WHERE id = ?"
# A task's case and that case's open tasks plus the task, in one read (SQLite, whose unit
# holds the write lock already), or as two statements after the lock (PostgreSQL).
CASE_AND_TASKS = (
    f"SELECT {', '.join('c.' + c for c in CASE_COLUMNS)}, "
    f"{', '.join('t.' + c for c in TASK_COLUMNS)}"
    " FROM nrm_case c JOIN human_task t ON t.case_id = c.id"
    f" WHERE c.id = {_CASE_OF_TASK} AND (t.status = ? OR t.id = ?)"
    " ORDER BY t.created_at, t.name"
)
LOCK_CASE_OF_TASK = f"{_CASE_SELECT} WHERE id = {_CASE_OF_TASK} FOR UPDATE"
TASKS_OF_CASE_OF_TASK = f"{_TASK_SELECT} WHERE case_id = {_CASE_OF_TASK} AND {_OPEN_OR_ONE}"
OPEN_TASKS = f"{_TASK_SELECT} WHERE case_id = ? AND {_OPEN_OR_ONE}"
INSERT_CASE = (
    f"INSERT INTO nrm_case ({', '.join(CASE_COLUMNS)}, state) VALUES "
    f"({', '.join('?' * (len(CASE_COLUMNS) + 1))})"
)
NEXT_NUMBER = (
    "INSERT INTO case_counter (year, last) VALUES (?, 1) "
    "ON CONFLICT (year) DO UPDATE SET last = case_counter.last + 1 RETURNING last"
)
INSERT_TASK = (
    f"INSERT INTO human_task ({', '.join(TASK_COLUMNS)}) VALUES "
    f"({', '.join('?' * len(TASK_COLUMNS))})"
)
END_TASK = "UPDATE human_task SET status = ?, completed_by = ?, completed_at = ? WHERE id = ?"
MOVE_DUE = "UPDATE human_task SET due_at = ? WHERE id = ?"
MOVE_AGENCY = "UPDATE human_task SET agency = ? WHERE id = ?"
SET_CLAIM = "UPDATE human_task SET claimed_by = ?, claimed_at = ? WHERE id = ?"
DELETE_TIMERS = "DELETE FROM timer WHERE case_id = ?"
INSERT_TIMER = (
    f"INSERT INTO timer ({', '.join(TIMER_COLUMNS)}) VALUES ({', '.join('?' * len(TIMER_COLUMNS))})"
)
# A list's members the step replaces; a value that replaces the one before; a milestone
# that keeps its first time.
CLEAR_FACTS = "DELETE FROM case_fact WHERE case_id = ? AND substr(name, 1, ?) = ?"
_INSERT_FACT = (
    f"INSERT INTO case_fact ({', '.join(FACT_COLUMNS)}) VALUES "
    f"({', '.join('?' * len(FACT_COLUMNS))})"
)
SET_FACT = f"{_INSERT_FACT} ON CONFLICT (case_id, name) DO UPDATE SET " + ", ".join(
    f"{c} = excluded.{c}" for c in FACT_COLUMNS if c not in ("case_id", "name")
)
FIRST_FACT = f"{_INSERT_FACT} ON CONFLICT (case_id, name) DO NOTHING"


def save_case(columns: Sequence[str]) -> str:
    """The update of a case's state and these columns, if its version is still the one read."""
    assigned = ", ".join(f"{c} = ?" for c in ("state", *columns))
    return f"UPDATE nrm_case SET {assigned} WHERE id = ? AND version = ?"


RowT = TypeVar("RowT", CaseRow, TaskRow)


def changed(row: RowT, **changes: Any) -> RowT:
    """A copy of a row with some values changed (`dataclasses.replace` without its per-call
    look at the fields: a step copies its rows a few times)."""
    return type(row)(**{**row.__dict__, **changes})


def _with_times(row: Sequence[Any], times: tuple[int, ...]) -> list[Any]:
    """A row's values with the date-times at those places read back (`DriverSql.read_when`)."""
    values = list(row)
    for i in times:
        values[i] = DriverSql.read_when(values[i])
    return values


@dataclass(frozen=True)
class TokenRow:
    """A bearer token's row and its user's."""

    secret_hash: str
    revoked_at: datetime | None
    expires_at: datetime
    user_id: int
    username: str
    agency: str | None
    roles: tuple[str, ...]
    active: bool


# The columns of TokenRow, in its order: the token's (api.models.ApiToken) and its user's.
TOKEN_COLUMNS = ("secret_hash", "revoked_at", "expires_at")
TOKEN_USER_COLUMNS = ("id", "username", "agency", "roles", "active")
_TOKEN_SELECT = "SELECT " + ", ".join(
    [*("t." + c for c in TOKEN_COLUMNS), *("u." + c for c in TOKEN_USER_COLUMNS)]
)
_TOKEN_WIDTH = len(TOKEN_COLUMNS) + len(TOKEN_USER_COLUMNS)
_TOKEN_FROM = " FROM api_token t JOIN app_user u ON u.id = t.user_id"
_TOKEN = f"{_TOKEN_SELECT}{_TOKEN_FROM} WHERE t.id = ?"


def token(sql: DriverSql, token_id: str) -> TokenRow | None:
    """The token and its user, or None."""
    row = sql.run(_TOKEN, (token_id,)).fetchone()
    return None if row is None else _token_of(sql, row)


def token_and_task(
    sql: DriverSql, token_id: str, task_id: str
) -> tuple[TokenRow | None, tuple[TaskRow, CaseRow] | None]:
    """The token and its user (None if unknown), and the task and its case (None if there is
    no such task), read together."""
    row = sql.run(_TOKEN_AND_TASK, (task_id, token_id)).fetchone()
    if row is None:
        return None, None
    task = row[_TOKEN_WIDTH:]
    width = len(TASK_COLUMNS)
    if task[0] is None or task[width] is None:
        return _token_of(sql, row), None
    return _token_of(sql, row), (task_row(task[:width]), case_row(task[width:]))


def _token_of(sql: DriverSql, row: Sequence[Any]) -> TokenRow:
    raw = tuple(row[:_TOKEN_WIDTH])
    # On SQLite every value is text or a number: the parsed row is kept for the same values
    # (a token's row changes only when it is revoked or its user is changed).
    return _parsed_token(raw) if not sql.postgres else _token_row(raw)


def _token_row(raw: tuple[Any, ...]) -> TokenRow:
    expires_at = DriverSql.read_when(raw[2])
    assert expires_at is not None
    roles = json.loads(raw[6]) if isinstance(raw[6], str) else raw[6]
    return TokenRow(
        raw[0], DriverSql.read_when(raw[1]), expires_at, raw[3], raw[4], raw[5], tuple(roles),
        bool(raw[7]),
    )  # fmt: skip


_parsed_token = lru_cache(maxsize=4096)(_token_row)


_TASK_AND_CASE_COLUMNS = ", ".join(
    [*("k." + c for c in TASK_COLUMNS), *("c." + c for c in CASE_COLUMNS)]
)
_TASK_AND_CASE = (
    f"SELECT {_TASK_AND_CASE_COLUMNS}"
    " FROM human_task k JOIN nrm_case c ON c.id = k.case_id WHERE k.id = ?"
)
# A token with its user, and a task with its case (NULLs when there is no such task): what
# every task request reads first, in one statement (on PostgreSQL one round trip, not two).
# Two plain left joins (a task always has its case: a foreign key): SQLite materialised the
# parenthesised join `LEFT JOIN (k JOIN c)` into a temporary table on every request.
_TOKEN_AND_TASK = (
    f"{_TOKEN_SELECT}, {_TASK_AND_CASE_COLUMNS}{_TOKEN_FROM}"
    " LEFT JOIN human_task k ON k.id = ? LEFT JOIN nrm_case c ON c.id = k.case_id"
    " WHERE t.id = ?"
)


def task_and_case(sql: DriverSql, task_id: str) -> tuple[TaskRow, CaseRow] | None:
    """A task and its case (without its state), or None."""
    row = sql.run(_TASK_AND_CASE, (task_id,)).fetchone()
    if row is None:
        return None
    return task_row(row[: len(TASK_COLUMNS)]), case_row(row[len(TASK_COLUMNS) :])


@dataclass(frozen=True)
class CaseKey:
    """The few columns of a case a step's response needs."""

    id: str
    number: str
    process_version_id: int
    reporting_agency: str


_CASE_KEY = "SELECT number, process_version_id, reporting_agency FROM nrm_case WHERE id = ?"


def case_key(sql: DriverSql, case_id: str) -> CaseKey:
    """The key columns of a case that exists."""
    number, version_id, reporting_agency = sql.run(_CASE_KEY, (case_id,)).fetchone()
    return CaseKey(case_id, number, version_id, reporting_agency)


_AGENCY_FORMS = "SELECT DISTINCT form FROM human_task WHERE case_id = ? AND agency = ?"


def agency_forms(sql: DriverSql, case_id: str, agency: str) -> frozenset[str | None]:
    """The forms of the agency's tasks (open or done) in a case."""
    return frozenset(form for (form,) in sql.run(_AGENCY_FORMS, (case_id, agency)).fetchall())
