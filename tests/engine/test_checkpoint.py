"""WAL checkpoints of SQLite databases run on a background thread, not inside a step's
commit (engine.checkpoint)."""

from __future__ import annotations

import gc
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from sqlalchemy import text

from engine import checkpoint
from engine.checkpoint import CHECKPOINTER, SAFETY_NET_PAGES, Checkpointer
from engine.db import make_engine
from scenario_suite.database import copy_sqlite


def _write(db: object, rows: int) -> None:
    with db.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(text("CREATE TABLE IF NOT EXISTS t (x TEXT)"))
    for i in range(rows):
        with db.begin() as conn:  # type: ignore[attr-defined]
            conn.execute(text("INSERT INTO t VALUES (:x)"), {"x": "x" * 500 + str(i)})


def _wait_for(check: object, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_commits_leave_checkpoints_to_the_background_thread(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    db = make_engine(f"sqlite:///{path}")
    with db.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one() == SAFETY_NET_PAGES
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
    _write(db, 50)

    def copied_everything() -> bool:
        result = CHECKPOINTER.last_result(str(path))
        return result is not None and result[1] > 0 and result[2] == result[1]

    # SQLite's own threshold (SAFETY_NET_PAGES) is far away: only the thread copies the log.
    assert _wait_for(copied_everything)
    with db.begin() as conn:  # the data is all there
        assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 50
    db.dispose()


def test_a_database_is_let_go_with_its_last_engine(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    db = make_engine(f"sqlite:///{path}")
    _write(db, 3)
    assert _wait_for(lambda: CHECKPOINTER.last_result(str(path)) is not None)
    db.dispose()
    del db
    gc.collect()
    assert CHECKPOINTER.last_result(str(path)) is None


def test_the_checkpointer_never_creates_a_database(tmp_path: Path) -> None:
    keeper = Checkpointer(every_s=0.01)
    missing = tmp_path / "not-there.db"
    owner = type("Owner", (), {})()
    keeper.register(owner, str(missing))
    time.sleep(0.1)
    assert not missing.exists()
    assert keeper.last_result(str(missing)) is None
    del owner
    gc.collect()
    assert _wait_for(lambda: keeper._thread is None)  # no database left: the thread ends


def test_in_memory_databases_have_no_checkpointer(monkeypatch: object) -> None:
    registered: list[str] = []
    monkeypatch.setattr(  # type: ignore[attr-defined]
        checkpoint.CHECKPOINTER, "register", lambda _owner, path: registered.append(path)
    )
    make_engine("sqlite://").dispose()
    make_engine("sqlite:///:memory:").dispose()
    assert registered == []


def test_copy_of_a_database_holds_commits_still_in_its_log(tmp_path: Path) -> None:
    """The test databases are copies of a migrated template: while the checkpoint thread holds
    its connection, the last commits are only in the log, and a copy of the file lacked them
    (concurrent scenario gates met "no such table")."""
    path = tmp_path / "template.db"
    db = make_engine(f"sqlite:///{path}")
    _write(db, 0)
    assert _wait_for(lambda: CHECKPOINTER.last_result(str(path)) is not None)
    with db.begin() as conn:
        conn.execute(text("CREATE TABLE deployment (id INTEGER)"))
    db.dispose()
    copy_sqlite(path, tmp_path / "copy.db")
    with closing(sqlite3.connect(tmp_path / "copy.db")) as copy:
        tables = copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    assert ("deployment",) in tables
