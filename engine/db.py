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
from sqlalchemy.engine import Connection, Engine, make_url
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
        # On the driver directly: the same statement, without SQLAlchemy's statement overhead.
        conn.connection.driver_connection.execute(f"BEGIN {mode}")


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reads (and the few writes that need no case lock)."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


class UnitSession(Session):
    """A session on one connection whose transaction the unit of work owns.

    A step's statements mostly go to the driver through `connection()` (engine.fastsql);
    handing out the unit's connection directly, and committing it directly, spares the
    ORM's transaction bookkeeping (about 0.15 ms a step). ORM use (get, add, flush) joins
    the same transaction; `commit()` and `rollback()` end it as a plain Session would.
    """

    def __init__(self, conn: Connection) -> None:
        super().__init__(bind=conn, expire_on_commit=False)
        self._unit_conn = conn

    def connection(self, bind_arguments: Any = None, execution_options: Any = None) -> Connection:
        """The unit's connection, in its transaction (begun on first use)."""
        if bind_arguments is not None or execution_options is not None:
            return super().connection(bind_arguments, execution_options)
        if not self._unit_conn.in_transaction():
            self._unit_conn.begin()
        return self._unit_conn

    def commit(self) -> None:
        """Flush, then commit the unit's transaction."""
        if super().in_transaction():  # the ORM took part (else its commit would autobegin)
            super().commit()
        if self._unit_conn.in_transaction():
            self._unit_conn.commit()

    def rollback(self) -> None:
        """Roll back the unit's transaction (and the ORM's view of it)."""
        if super().in_transaction():
            super().rollback()
        if self._unit_conn.in_transaction():
            self._unit_conn.rollback()


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session whose transaction takes the write lock at once on SQLite.

    The caller commits once at the end of its unit of work; any exception
    rolls everything back.
    """
    if not is_sqlite(engine):
        with engine.connect() as conn, UnitSession(conn) as session:
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
        _immediate(engine).connect() as conn,
        UnitSession(conn) as session,
    ):
        try:
            yield session
        except BaseException:
            session.rollback()
            raise


_WRITER_LOCKS: weakref.WeakKeyDictionary[Engine, threading.RLock] = weakref.WeakKeyDictionary()
_IMMEDIATE: weakref.WeakKeyDictionary[Engine, Engine] = weakref.WeakKeyDictionary()
_LOCKS_LOCK = threading.Lock()


def _writer_lock(engine: Engine) -> threading.RLock:
    with _LOCKS_LOCK:
        lock = _WRITER_LOCKS.get(engine)
        if lock is None:
            lock = _WRITER_LOCKS[engine] = threading.RLock()
        return lock


def _immediate(engine: Engine) -> Engine:
    """The engine whose transactions begin IMMEDIATE (made once: making one costs ~50 µs)."""
    with _LOCKS_LOCK:
        found = _IMMEDIATE.get(engine)
        if found is None:
            found = _IMMEDIATE[engine] = engine.execution_options(sqlite_begin="IMMEDIATE")
        return found
