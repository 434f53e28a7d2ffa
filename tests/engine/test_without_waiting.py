"""`without_waiting`: a SQLite unit of work that finds the write lock taken fails at once,
before it has read or changed anything, and the same step then succeeds where it may wait."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy.engine import Engine as Database

from engine.db import WriterBusyError, _writer_lock, is_sqlite, without_waiting, write_session
from engine.facade import Engine

REPORT = {"pseudonym": "Aigul", "age": 24}
SCREENED = {"screening_result": "presumed_victim"}


@pytest.fixture
def sqlite_db(db: Database) -> Database:
    if not is_sqlite(db):
        pytest.skip("the write lock taken at once is SQLite's (PostgreSQL locks case rows)")
    return db


class OtherWriter:
    """A second connection (as another process would have) holding the write lock."""

    def __init__(self, db: Database) -> None:
        path = str(db.url.database)
        self.connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.connection.execute("BEGIN IMMEDIATE")

    def close(self) -> None:
        """Let the lock go."""
        self.connection.rollback()
        self.connection.close()


def test_another_connection_writing_fails_the_unit_at_once(
    sqlite_db: Database, simple_engine: Engine
) -> None:
    case = simple_engine.start_case("simple", REPORT, agency="border", actor="border").case
    task_id = case.open_tasks[0].id
    holder = OtherWriter(sqlite_db)
    t0 = time.perf_counter()
    with without_waiting(), pytest.raises(WriterBusyError):
        simple_engine.complete_task(task_id, SCREENED, actor="police", agency="police")
    assert time.perf_counter() - t0 < 1.0  # not the 10 s busy timeout
    holder.close()
    # Nothing was touched: the task is still open, and the step succeeds now.
    assert [t.id for t in simple_engine.case_tasks(case.id)] == [task_id]
    result = simple_engine.complete_task(task_id, SCREENED, actor="police", agency="police")
    assert [t.name for t in result.case.open_tasks] == ["Provide shelter"]


def test_busy_timeout_is_restored_after_a_unit_without_waiting(sqlite_db: Database) -> None:
    with without_waiting(), write_session(sqlite_db) as session:
        connection = session.fast_connection()  # type: ignore[attr-defined]
        assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000


def test_a_writer_of_this_process_holding_the_lock_fails_the_unit_at_once(
    sqlite_db: Database, simple_engine: Engine
) -> None:
    case = simple_engine.start_case("simple", REPORT, agency="border", actor="border").case
    task_id = case.open_tasks[0].id
    held, done = threading.Event(), threading.Event()

    def hold() -> None:
        with _writer_lock(sqlite_db):
            held.set()
            done.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(10)
    try:
        with without_waiting(), pytest.raises(WriterBusyError):
            simple_engine.complete_task(task_id, SCREENED, actor="police", agency="police")
    finally:
        done.set()
        thread.join(10)
    result = simple_engine.complete_task(task_id, SCREENED, actor="police", agency="police")
    assert result.completed is not None and result.completed.id == task_id


def test_outside_the_block_a_unit_waits_for_the_lock(
    sqlite_db: Database, simple_engine: Engine
) -> None:
    case = simple_engine.start_case("simple", REPORT, agency="border", actor="border").case
    holder = OtherWriter(sqlite_db)
    threading.Timer(0.3, holder.close).start()
    t0 = time.perf_counter()
    result = simple_engine.complete_task(
        case.open_tasks[0].id, SCREENED, actor="police", agency="police"
    )
    assert time.perf_counter() - t0 >= 0.25  # it waited for the other writer
    assert result.completed is not None
