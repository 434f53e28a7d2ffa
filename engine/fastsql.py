"""Hand-written SQL for the statements every step runs.

SQLAlchemy Core spends about 0.1 ms compiling and processing each statement;
a step runs five or six of them, which would cost more than the workflow
engine itself (bench/RESULTS.md). These few statements go to the driver's
cursor directly, inside the transaction SQLAlchemy manages, with the same
column formats SQLAlchemy uses (naive UTC date-times, JSON as text on SQLite),
so ORM reads elsewhere see exactly the same data.
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

CASE_COLUMNS = (
    "id",
    "number",
    "process_id",
    "process_version_id",
    "status",
    "outcome",
    "reporting_agency",
    "created_by",
    "created_at",
    "updated_at",
    "closed_at",
    "serializer_version",
    "version",
)
TASK_COLUMNS = (
    "id",
    "case_id",
    "process_id",
    "bpmn_id",
    "name",
    "lane",
    "agency",
    "form",
    "status",
    "created_at",
    "due_at",
    "claimed_by",
    "claimed_at",
    "completed_by",
    "completed_at",
)
_TIMES = {"created_at", "updated_at", "closed_at", "due_at", "claimed_at", "completed_at"}
# Where the date-times are in a row of CASE_COLUMNS / TASK_COLUMNS (the rows' dataclasses
# take their fields in the columns' order: tests/engine/test_fastsql.py checks).
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


class FastSql:
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
    def on(cls, conn: Connection) -> FastSql:
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

    def task_values(self, task: TaskRow) -> tuple[Any, ...]:
        """Parameters to insert a TaskRow in TASK_COLUMNS order."""
        return tuple(
            self.when(getattr(task, c)) if c in _TIMES else getattr(task, c) for c in TASK_COLUMNS
        )


@lru_cache(maxsize=8192)
def _parsed_when(text: str) -> datetime:
    """A date-time stored as text (SQLite), as aware UTC. Kept per text: a step reads the same
    rows' times again and again (its task's, its case's), and parsing one took 2.4 µs here
    against 0.15 for a look-up; a datetime cannot be changed, so sharing one is safe."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


RowT = TypeVar("RowT", CaseRow, TaskRow)


def changed(row: RowT, **changes: Any) -> RowT:
    """A copy of a row with some values changed (`dataclasses.replace` without its per-call
    look at the fields: a step copies its rows a few times)."""
    return type(row)(**{**row.__dict__, **changes})


def _with_times(row: Sequence[Any], times: tuple[int, ...]) -> list[Any]:
    """A row's values with the date-times at those places read back (`FastSql.read_when`)."""
    values = list(row)
    for i in times:
        values[i] = FastSql.read_when(values[i])
    return values
