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
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Engine as Database

from engine import trail
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
    roles: tuple[str, ...]
    active: bool


_TOKEN_SELECT = (
    "SELECT t.secret_hash, t.revoked_at, t.expires_at, u.id, u.username, u.agency, u.roles,"
    " u.active"
)
_TOKEN_WIDTH = 8
_TOKEN_FROM = " FROM api_token t JOIN app_user u ON u.id = t.user_id"
_TOKEN = f"{_TOKEN_SELECT}{_TOKEN_FROM} WHERE t.id = ?"


def token(sql: FastSql, token_id: str) -> TokenRow | None:
    """The token and its user, or None."""
    row = sql.run(_TOKEN, (token_id,)).fetchone()
    return None if row is None else _token_of(sql, row)


def token_and_task(
    sql: FastSql, token_id: str, task_id: str
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


def _token_of(sql: FastSql, row: Sequence[Any]) -> TokenRow:
    raw = tuple(row[:_TOKEN_WIDTH])
    # On SQLite every value is text or a number: the parsed row is kept for the same values
    # (a token's row changes only when it is revoked or its user is changed).
    return _parsed_token(raw) if not sql.postgres else _token_row(raw)


def _token_row(raw: tuple[Any, ...]) -> TokenRow:
    expires_at = FastSql.read_when(raw[2])
    assert expires_at is not None
    roles = json.loads(raw[6]) if isinstance(raw[6], str) else raw[6]
    return TokenRow(
        raw[0], FastSql.read_when(raw[1]), expires_at, raw[3], raw[4], raw[5], tuple(roles),
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
# parenthesised join `LEFT JOIN (k JOIN c)` into a temporary table on every request, which
# took about as long again as the reads themselves.
_TOKEN_AND_TASK = (
    f"{_TOKEN_SELECT}, {_TASK_AND_CASE_COLUMNS}{_TOKEN_FROM}"
    " LEFT JOIN human_task k ON k.id = ? LEFT JOIN nrm_case c ON c.id = k.case_id"
    " WHERE t.id = ?"
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
    row = {
        "at": at,
        "username": username,
        "agency": agency,
        "case_id": case_id,
        "task_id": task_id,
        "endpoint": endpoint,
        "fields": sorted(fields),
    }
    trail.append(sql, "access_record", row)
