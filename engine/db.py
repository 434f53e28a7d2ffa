"""Database connection: SQLite (WAL) by default, PostgreSQL by URL.

Write units on SQLite start with `BEGIN IMMEDIATE` so two writers queue for
the lock instead of failing late on a stale snapshot; PostgreSQL writers lock
the case row (`SELECT ... FOR UPDATE`).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    # NORMAL in WAL mode survives a process crash (SIGKILL); only an OS crash
    # or power loss can drop the last commits.
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
)


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs given without a driver."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def is_sqlite(engine: Engine) -> bool:
    """True for SQLite databases."""
    return engine.dialect.name == "sqlite"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """A SQLAlchemy engine with the project's connection settings."""
    url = normalise_url(url)
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **kwargs)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10}, **kwargs)
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reads (and the few writes that need no case lock)."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session whose transaction takes the write lock at once on SQLite.

    The caller commits once at the end of its unit of work; any exception
    rolls everything back.
    """
    if not is_sqlite(engine):
        with Session(engine, expire_on_commit=False) as session:
            try:
                yield session
            except BaseException:
                session.rollback()
                raise
        return
    # SQLite takes one writer at a time anyway; queueing this process's writers on a lock
    # (first come, first served) spares them SQLite's sleeping busy-retries.
    with (
        _writer_lock(engine),
        Session(
            engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        ) as session,
    ):
        try:
            yield session
        except BaseException:
            session.rollback()
            raise


_WRITER_LOCKS: weakref.WeakKeyDictionary[Engine, threading.RLock] = weakref.WeakKeyDictionary()
_LOCKS_LOCK = threading.Lock()


def _writer_lock(engine: Engine) -> threading.RLock:
    with _LOCKS_LOCK:
        lock = _WRITER_LOCKS.get(engine)
        if lock is None:
            lock = _WRITER_LOCKS[engine] = threading.RLock()
        return lock
