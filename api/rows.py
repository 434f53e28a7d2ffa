"""The rows every API request reads or writes, in hand-written SQL on the driver.

SQLAlchemy spends about 0.1 ms building and processing a statement, and a Session more
around it; the bearer token, the task and its case, and a step's response and access
record go to the driver directly (engine.fastsql), with the column formats SQLAlchemy
uses, so ORM reads and writes elsewhere see exactly the same data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine as Database

from engine.fastsql import CASE_COLUMNS, TASK_COLUMNS, CaseRow, FastSql, TaskRow


@contextmanager
def reading(db: Database) -> Iterator[FastSql]:
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
        yield FastSql(driver, postgres=postgres)
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
    roles: list[str]
    active: bool


_TOKEN = (
    "SELECT t.secret_hash, t.revoked_at, t.expires_at, u.id, u.username, u.agency, u.roles,"
    " u.active FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.id = ?"
)


def token(sql: FastSql, token_id: str) -> TokenRow | None:
    """The token and its user, or None."""
    row = sql.run(_TOKEN, (token_id,)).fetchone()
    if row is None:
        return None
    expires_at = sql.read_when(row[2])
    assert expires_at is not None
    roles = json.loads(row[6]) if isinstance(row[6], str) else row[6]
    return TokenRow(
        row[0], sql.read_when(row[1]), expires_at, row[3], row[4], row[5], roles, bool(row[7])
    )


_TASK_AND_CASE = (
    "SELECT "
    + ", ".join([*("t." + c for c in TASK_COLUMNS), *("c." + c for c in CASE_COLUMNS)])
    + " FROM human_task t JOIN nrm_case c ON c.id = t.case_id WHERE t.id = ?"
)


def task_and_case(sql: FastSql, task_id: str) -> tuple[TaskRow, CaseRow] | None:
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


def case_key(sql: FastSql, case_id: str) -> CaseKey:
    """The key columns of a case that exists."""
    number, version_id, reporting_agency = sql.run(_CASE_KEY, (case_id,)).fetchone()
    return CaseKey(case_id, number, version_id, reporting_agency)


_AGENCY_FORMS = "SELECT DISTINCT form FROM human_task WHERE case_id = ? AND agency = ?"


def agency_forms(sql: FastSql, case_id: str, agency: str) -> frozenset[str | None]:
    """The forms of the agency's tasks (open or done) in a case."""
    return frozenset(form for (form,) in sql.run(_AGENCY_FORMS, (case_id, agency)).fetchall())


_ACCESS_RECORD = (
    "INSERT INTO access_record (at, username, agency, case_id, task_id, endpoint, fields)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def add_access_record(
    sql: FastSql,
    *,
    at: datetime,
    username: str,
    agency: str | None,
    case_id: str,
    task_id: str | None,
    endpoint: str,
    fields: Sequence[str],
) -> None:
    """Insert one access record (api.models.AccessRecord) in the transaction of `sql`."""
    values: tuple[Any, ...] = (
        sql.when(at),
        username,
        agency,
        case_id,
        task_id,
        endpoint,
        sql.json(sorted(fields)),
    )
    sql.run(_ACCESS_RECORD, values)
