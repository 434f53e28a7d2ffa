"""The hand-written SQL: the statements every step and every API request runs, and the rows
they read.

These statements go to the driver's cursor directly, inside the transaction SQLAlchemy
manages: building and processing a statement in SQLAlchemy costs more than a step's
workflow work (docs/decisions/hand-written-sql.md). Their column lists and date-time
columns come from the SQLModel tables (`engine.models`), and they use the column formats
SQLAlchemy uses (naive UTC date-times, JSON as text on SQLite), so ORM reads elsewhere
see exactly the same data. tests/engine/test_rowsql.py fails when a table gains a column
the rows here do not carry.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy.engine import Connection
from sqlalchemy.engine import Engine as Database
from sqlmodel import SQLModel

from engine.models import Case, HumanTask, UTCDateTime


def _columns(model: type[SQLModel], *, without: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(c.name for c in model.__table__.columns if c.name not in without)  # type: ignore[attr-defined]


def _times(model: type[SQLModel]) -> frozenset[str]:
    table = model.__table__  # type: ignore[attr-defined]
    return frozenset(c.name for c in table.columns if isinstance(c.type, UTCDateTime))


# A case row without its state (read apart: only a step that restores the workflow needs it).
CASE_COLUMNS = _columns(Case, without=("state",))
TASK_COLUMNS = _columns(HumanTask)
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


class DriverSql:
    """Runs `?`-style SQL on the driver of the connection's dialect."""

    def __init__(self, driver_connection: Any, *, postgres: bool) -> None:
        self.postgres = postgres
        # The driver's own cursor, inside the transaction of the unit (or of a SQLAlchemy
        # connection) the driver connection belongs to.
        self._driver = driver_connection
        self._cursor = driver_connection.cursor()
        self._checks: list[Callable[[], None]] | None = None  # inside a batch
        self._last_when: tuple[datetime | None, Any] = (None, None)  # a step writes one `now`

    @classmethod
    def on(cls, conn: Connection) -> DriverSql:
        """Statements on the driver connection of a SQLAlchemy connection, in its transaction."""
        return cls(conn.connection.driver_connection, postgres=conn.dialect.name == "postgresql")

    def run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Execute one statement; the driver cursor (fetchone, fetchall, rowcount)."""
        self._cursor.execute(self._q(sql), tuple(params))
        return self._cursor

    def run_checked(self, sql: str, params: Sequence[Any], check: Callable[[int], None]) -> None:
        """Execute one statement and call `check` with its row count: at once, or inside a
        batch once the batch's results are in (before the batch ends)."""
        cursor = self._driver.cursor() if self._checks is not None else self._cursor
        cursor.execute(self._q(sql), tuple(params))
        if self._checks is None:
            check(cursor.rowcount)
        else:
            self._checks.append(lambda: check(cursor.rowcount))

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Statements that need no result until the end of the block: on PostgreSQL they are
        sent in one pipeline (one round trip instead of one each; a fetch inside the block
        waits for what was sent before it). An error of any of them is raised when the block
        ends, and the caller's transaction rolls back. Nested batches join the outer one."""
        if self._checks is not None:
            yield
            return
        checks: list[Callable[[], None]] = []
        self._checks = checks
        try:
            if self.postgres:
                with self._driver.pipeline():
                    yield
            else:
                yield
        finally:
            self._checks = None
        for check in checks:
            check()

    def fetch_each(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[Any]]:
        """The rows of each statement, run in order; on PostgreSQL sent together (one round
        trip: each statement still starts only when the one before it has finished)."""
        if not self.postgres:
            return [self.run(sql, params).fetchall() for sql, params in statements]
        cursors = [self._driver.cursor() for _ in statements]
        with self._driver.pipeline():
            for cursor, (sql, params) in zip(cursors, statements, strict=True):
                cursor.execute(self._q(sql), tuple(params))
        return [cursor.fetchall() for cursor in cursors]

    def many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Execute one statement for each parameter row (nothing when there are none)."""
        batch = [tuple(r) for r in rows]
        if batch:
            self._cursor.executemany(self._q(sql), batch)

    def _q(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def when(self, moment: datetime | None) -> Any:
        """A date-time as stored: naive UTC (text on SQLite, as SQLAlchemy writes it)."""
        if moment is None:
            return None
        if moment is self._last_when[0]:  # datetimes are immutable: the same object, same text
            return self._last_when[1]
        naive = moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
        stored = naive if self.postgres else naive.isoformat(" ", "microseconds")
        self._last_when = (moment, stored)
        return stored

    def json(self, value: Any) -> Any:
        """A JSON column value."""
        if self.postgres:
            from psycopg.types.json import Json

            return Json(value)
        if value == {}:  # most audit events carry no detail
            return "{}"
        return json.dumps(value)

    @staticmethod
    def read_when(value: Any) -> datetime | None:
        """A stored date-time back as aware UTC."""
        if value is None:
            return None
        if isinstance(value, str):
            return _parsed_when(value)
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment

    def case(self, row: Sequence[Any]) -> CaseRow:
        """A CaseRow from a row selected with CASE_COLUMNS."""
        return CaseRow(*_with_times(row, _CASE_TIMES))

    def task(self, row: Sequence[Any]) -> TaskRow:
        """A TaskRow from a row selected with TASK_COLUMNS."""
        return TaskRow(*_with_times(row, _TASK_TIMES))

    def case_values(self, case: CaseRow) -> tuple[Any, ...]:
        """Parameters to insert a CaseRow in CASE_COLUMNS order."""
        return tuple(
            self.when(getattr(case, c)) if c in _TIMES else getattr(case, c) for c in CASE_COLUMNS
        )

    def task_values(self, task: TaskRow) -> tuple[Any, ...]:
        """Parameters to insert a TaskRow in TASK_COLUMNS order."""
        return tuple(
            self.when(getattr(task, c)) if c in _TIMES else getattr(task, c) for c in TASK_COLUMNS
        )


@lru_cache(maxsize=8192)
def _parsed_when(text: str) -> datetime:
    """A date-time stored as text (SQLite), as aware UTC. Kept per text: a step reads the same
    rows' times again and again (its task's, its case's), and a look-up is cheaper than a parse;
    a datetime cannot be changed, so sharing one is safe."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


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


# The reads every API request makes first: its caller, its task and case.


@contextmanager
def reading(db: Database) -> Iterator[DriverSql]:
    """Statements on a pooled driver connection, each its own snapshot, given back to the
    pool afterwards.

    On PostgreSQL the connection reads in autocommit: no transaction is left open, so the
    pool's rollback when it is given back is a no-op instead of a network round trip (every
    request reads its caller this way)."""
    fairy = db.raw_connection()
    driver: Any = fairy.driver_connection
    postgres = db.dialect.name == "postgresql"
    try:
        if postgres:
            driver.autocommit = True
        yield DriverSql(driver, postgres=postgres)
    finally:
        try:
            if postgres and not driver.closed:
                driver.autocommit = False  # the pool's connections write in transactions
        finally:
            fairy.close()


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
    return _token_of(sql, row), (sql.task(task[:width]), sql.case(task[width:]))


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
    return sql.task(row[: len(TASK_COLUMNS)]), sql.case(row[len(TASK_COLUMNS) :])


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
