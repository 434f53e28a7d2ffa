"""How the hand-written SQL (`engine.rowsql`) reaches the database: the driver's own cursor,
inside the transaction SQLAlchemy manages, with the column formats SQLAlchemy uses (naive UTC
date-times, JSON as text on SQLite), so ORM reads elsewhere see exactly the same data."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.engine import Engine as Database


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


@lru_cache(maxsize=8192)
def _parsed_when(text: str) -> datetime:
    """A date-time stored as text (SQLite), as aware UTC. Kept per text: a step reads the same
    rows' times again and again (its task's, its case's), and a look-up is cheaper than a parse;
    a datetime cannot be changed, so sharing one is safe."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


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
