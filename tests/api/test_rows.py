"""`driversql.reading`: the connection every request reads its caller (and task) on, through
the facade."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine as Database

from engine import rowsql
from engine.driversql import reading
from engine.facade import Engine
from tests.api.conftest import AsUser, only, start_case


def test_reading_leaves_no_transaction_open_on_postgresql(db: Database) -> None:
    """On PostgreSQL the reads run in autocommit, so giving the connection back costs no
    ROLLBACK round trip; the pooled connection then writes in transactions again."""
    if db.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's transaction state (SQLite reads need no round trip)")
    from psycopg.pq import TransactionStatus

    with reading(db) as sql:
        driver = sql._driver
        assert sql.run("SELECT 1", ()).fetchone() == (1,)
        assert driver.info.transaction_status == TransactionStatus.IDLE
    assert driver.autocommit is False
    with db.connect() as conn:  # the pool hands out a connection that writes in transactions
        assert conn.connection.driver_connection.autocommit is False


def test_reading_reads_on_any_database(db: Database) -> None:
    with reading(db) as sql:
        assert sql.run("SELECT 1", ()).fetchone() == (1,)
    with reading(db) as sql:  # the connection given back is usable again
        assert sql.run("SELECT 2", ()).fetchone() == (2,)


def test_token_and_task_are_read_in_one_statement(as_user: AsUser, api_engine: Engine) -> None:
    """What every task request reads first: the token with its user, and the task with its
    case (no task: None), as the separate reads give them."""
    task = only(start_case(as_user("border"))["case"]["open_tasks"], "Identify the person")
    police = as_user("police")
    token_id = police.headers["Authorization"].removeprefix("Bearer ").partition(".")[0]
    both = api_engine.read_token_and_task(token_id, task["id"])
    alone = (api_engine.read_token(token_id), api_engine.read_task_and_case(task["id"]))
    no_task = api_engine.read_token_and_task(token_id, "no-such-task")
    no_token = api_engine.read_token_and_task("no-such-token", task["id"])
    assert both == alone
    assert both[0] is not None and both[0].username == "police"
    assert both[1] is not None and both[1][0].id == task["id"]
    assert no_task == (alone[0], None)
    assert no_token == (None, None)


def test_token_and_task_read_searches_by_key_only_on_sqlite(db: Database) -> None:
    """Each table is searched by its key, and nothing is built per request: SQLite had
    materialised the former `LEFT JOIN (human_task JOIN nrm_case)` into a temporary table."""
    if db.dialect.name != "sqlite":
        pytest.skip("SQLite's query plan")
    with reading(db) as sql:
        plan = [r[3] for r in sql.run("EXPLAIN QUERY PLAN " + rowsql._TOKEN_AND_TASK, ("k", "t"))]
    assert len(plan) == 4
    assert all(step.startswith("SEARCH ") for step in plan), plan
