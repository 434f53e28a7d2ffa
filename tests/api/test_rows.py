"""`rows.reading`: the connection every request reads its caller (and task) on."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine as Database

from api import rows


def test_reading_leaves_no_transaction_open_on_postgresql(db: Database) -> None:
    """On PostgreSQL the reads run in autocommit, so giving the connection back costs no
    ROLLBACK round trip; the pooled connection then writes in transactions again."""
    if db.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's transaction state (SQLite reads need no round trip)")
    from psycopg.pq import TransactionStatus

    with rows.reading(db) as sql:
        driver = sql._driver
        assert sql.run("SELECT 1", ()).fetchone() == (1,)
        assert driver.info.transaction_status == TransactionStatus.IDLE
    assert driver.autocommit is False
    with db.connect() as conn:  # the pool hands out a connection that writes in transactions
        assert conn.connection.driver_connection.autocommit is False


def test_reading_reads_on_any_database(db: Database) -> None:
    with rows.reading(db) as sql:
        assert sql.run("SELECT 1", ()).fetchone() == (1,)
    with rows.reading(db) as sql:  # the connection given back is usable again
        assert sql.run("SELECT 2", ()).fetchone() == (2,)
