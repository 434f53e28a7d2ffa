"""`HeldConnection`: one pooled SQLite connection a thread keeps and lends to its own reads
and units of work, instead of a pool checkout and check-in for each."""

from __future__ import annotations

import contextvars
import sqlite3
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine as Database

from api import rows
from engine.db import (
    HeldConnection,
    WriterBusyError,
    is_sqlite,
    lent_connection,
    without_waiting,
    write_session,
)


@pytest.fixture
def sqlite_db(db: Database) -> Database:
    if not is_sqlite(db):
        pytest.skip("the API holds a connection on SQLite only (PostgreSQL reads off the loop)")
    return db


@pytest.fixture
def checkouts(sqlite_db: Database) -> Iterator[list[int]]:
    """How many times the pool has handed out a connection since the test began."""
    count = [0]

    def seen(*_args: Any) -> None:
        count[0] += 1

    event.listen(sqlite_db.pool, "checkout", seen)
    yield count
    event.remove(sqlite_db.pool, "checkout", seen)


def _driver_of_unit(db: Database) -> Any:
    with write_session(db) as session:
        driver = session.fast_connection()  # type: ignore[attr-defined]
        driver.execute("SELECT 1")
        session.commit()
    return driver


def _driver_of_read(db: Database) -> Any:
    with rows.reading(db) as sql:
        return sql._driver  # noqa: SLF001  (which connection it reads on)


def test_reads_and_units_use_the_held_connection_without_the_pool(
    sqlite_db: Database, checkouts: list[int]
) -> None:
    held = HeldConnection(sqlite_db)
    with held.lent():
        first = _driver_of_read(sqlite_db)
        units = {id(_driver_of_unit(sqlite_db)) for _ in range(3)}
        reads = {id(_driver_of_read(sqlite_db)) for _ in range(3)}
    assert units == reads == {id(first)}
    assert checkouts[0] == 1  # once, when it was first lent
    with held.lent():
        _driver_of_unit(sqlite_db)
    assert checkouts[0] == 1
    assert sqlite_db.pool.checkedout() == 1  # type: ignore[attr-defined]
    held.release()
    assert sqlite_db.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_nothing_is_lent_outside_the_block_or_to_another_thread(sqlite_db: Database) -> None:
    held = HeldConnection(sqlite_db)
    assert lent_connection(sqlite_db) is None
    found: list[Any] = []
    with held.lent():
        mine = lent_connection(sqlite_db)
        assert mine is not None
        # A thread that runs the lending request's work (the thread pool) sees its context
        # but checks a connection out of the pool.
        context = contextvars.copy_context()
        worker = threading.Thread(
            target=lambda: found.append(context.run(_driver_of_unit, sqlite_db))
        )
        worker.start()
        worker.join()
    assert found and found[0] is not mine.driver_connection
    assert lent_connection(sqlite_db) is None
    held.release()


def test_a_thread_other_than_a_live_holder_uses_the_pool(
    sqlite_db: Database, checkouts: list[int]
) -> None:
    held = HeldConnection(sqlite_db)
    with held.lent():
        pass
    lent_elsewhere: list[Any] = []

    def other() -> None:
        with held.lent():
            lent_elsewhere.append(lent_connection(sqlite_db))

    worker = threading.Thread(target=other)
    worker.start()
    worker.join()
    assert lent_elsewhere == [None]
    held.release()
    # Its holder gone, a connection is held by the next thread that lends it.
    worker = threading.Thread(target=other)
    worker.start()
    worker.join()
    assert lent_elsewhere[1] is not None
    held.release()


def test_a_lent_unit_that_uses_the_orm_keeps_the_connection_held(sqlite_db: Database) -> None:
    held = HeldConnection(sqlite_db)
    with held.lent():
        driver = _driver_of_read(sqlite_db)
        with write_session(sqlite_db) as session:
            assert session.connection().execute(text("SELECT 2")).scalar() == 2
            session.commit()
        assert _driver_of_read(sqlite_db) is driver
        assert not driver.in_transaction
        assert _driver_of_unit(sqlite_db) is driver
    assert sqlite_db.pool.checkedout() == 1  # type: ignore[attr-defined]
    held.release()
    assert sqlite_db.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_a_failed_lent_unit_leaves_no_transaction_open(sqlite_db: Database) -> None:
    held = HeldConnection(sqlite_db)
    with held.lent():
        with pytest.raises(RuntimeError), write_session(sqlite_db) as session:
            session.fast_connection().execute(  # type: ignore[attr-defined]
                "INSERT INTO case_counter (year, last) VALUES (1999, 7)"
            )
            raise RuntimeError("the step failed")
        driver = _driver_of_read(sqlite_db)
        assert not driver.in_transaction
        assert driver.execute("SELECT count(*) FROM case_counter WHERE year = 1999").fetchone() == (
            0,
        )
        _driver_of_unit(sqlite_db)  # the next unit begins as usual
    held.release()


def test_a_broken_connection_is_given_up_and_another_one_held(
    sqlite_db: Database, checkouts: list[int]
) -> None:
    held = HeldConnection(sqlite_db)
    with pytest.raises(sqlite3.ProgrammingError), held.lent():
        broken = _driver_of_read(sqlite_db)
        broken.close()
        _driver_of_read(sqlite_db).execute("SELECT 1")
    with held.lent():
        assert _driver_of_read(sqlite_db) is not broken
        _driver_of_unit(sqlite_db)
    assert checkouts[0] == 2
    held.release()


def test_conflicts_do_not_give_up_the_connection(sqlite_db: Database) -> None:
    held = HeldConnection(sqlite_db)
    with pytest.raises(sqlite3.IntegrityError), held.lent():
        kept = _driver_of_read(sqlite_db)
        with write_session(sqlite_db) as session:
            connection = session.fast_connection()  # type: ignore[attr-defined]
            connection.execute("INSERT INTO case_counter (year, last) VALUES (1998, 1)")
            connection.execute("INSERT INTO case_counter (year, last) VALUES (1998, 2)")
    with held.lent():
        assert _driver_of_read(sqlite_db) is kept
    held.release()


def _busy_timeout(driver: Any) -> int:
    return int(driver.execute("PRAGMA busy_timeout").fetchone()[0])


def test_a_held_connection_waits_for_no_lock_and_units_lent_it_keep_their_kind(
    sqlite_db: Database,
) -> None:
    """Held, the connection's busy timeout is 0: a unit without waiting fails at once
    (without setting it twice a step); a unit that may wait still waits; given back to the
    pool, the connection waits again."""
    held = HeldConnection(sqlite_db)
    other = sqlite3.connect(
        str(sqlite_db.url.database), isolation_level=None, check_same_thread=False
    )
    with held.lent():
        driver = _driver_of_read(sqlite_db)
        assert _busy_timeout(driver) == 0
        other.execute("BEGIN IMMEDIATE")
        t0 = time.perf_counter()
        with pytest.raises(WriterBusyError), without_waiting(), write_session(sqlite_db):
            pass
        assert time.perf_counter() - t0 < 1.0
        threading.Timer(0.3, other.rollback).start()
        t0 = time.perf_counter()
        with write_session(sqlite_db) as session:
            assert _busy_timeout(session.fast_connection()) == 10_000  # type: ignore[attr-defined]
            session.commit()
        assert time.perf_counter() - t0 >= 0.25  # it waited for the other writer
        assert _busy_timeout(driver) == 0
        with without_waiting(), write_session(sqlite_db) as session:
            assert session.fast_connection() is driver  # type: ignore[attr-defined]
            assert _busy_timeout(driver) == 0
            session.commit()
    other.close()
    held.release()
    with rows.reading(sqlite_db) as sql:
        assert _busy_timeout(sql._driver) == 10_000  # noqa: SLF001
