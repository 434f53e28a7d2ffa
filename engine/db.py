"""Database connection: SQLite (WAL) by default, PostgreSQL by URL.

Write units on SQLite start with `BEGIN IMMEDIATE` so two writers queue for
the lock instead of failing late on a stale snapshot; PostgreSQL writers lock
the case row (`SELECT ... FOR UPDATE`).
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DisconnectionError
from sqlmodel import Session, create_engine

from engine import checkpoint, progress, trail

BUSY_TIMEOUT_MS = 10_000
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    # NORMAL in WAL mode survives a process crash (SIGKILL); only an OS crash
    # or power loss can drop the last commits.
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs given without a driver."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def is_sqlite(engine: Engine) -> bool:
    """True for SQLite databases."""
    return engine.dialect.name == "sqlite"


# Connections beside the request threads': the health check's, the timer thread's, one spare.
RESERVED_CONNECTIONS = 3
# A checkout that still waits this long fails (the API answers 503 with Retry-After).
POOL_TIMEOUT_S = 5.0


def pool_options(threads: int) -> dict[str, Any]:
    """Pool settings for a process whose database work runs on `threads` threads: each may
    hold two connections at once (a read inside another), so none ever waits for one."""
    size = threads + RESERVED_CONNECTIONS
    return {"pool_size": size, "max_overflow": size, "pool_timeout": POOL_TIMEOUT_S}


def make_engine(url: str, **kwargs: Any) -> Engine:
    """A SQLAlchemy engine with the project's connection settings."""
    url = normalise_url(url)
    if make_url(url).get_backend_name() != "sqlite":
        engine = create_engine(url, **kwargs)
        _ping_after_idle(engine)
        return engine
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10}, **kwargs)
    _configure_sqlite(engine)
    database = engine.url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        checkpoint.CHECKPOINTER.register(engine, database)
    return engine


# A pooled connection idle this long is checked before use (a server restart or an idle
# timeout may have closed it). Checking every checkout, SQLAlchemy's pre-ping, cost a round
# trip on each of a request's two checkouts; a connection in steady use is not checked, and
# one that broke mid-use is discarded by SQLAlchemy when its error says so.
PING_AFTER_IDLE_S = 10.0


def _ping_after_idle(engine: Engine) -> None:
    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["nrm_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("nrm_idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:
            return
        try:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            dbapi_connection.rollback()
        except Exception as exc:  # noqa: BLE001  (any failure: use another connection)
            # The pool discards this connection and checks out (or opens) another one.
            raise DisconnectionError(f"stale pooled connection: {exc}") from exc


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (*SQLITE_PRAGMAS, *checkpoint.PRAGMAS):
            cursor.execute(pragma)
        cursor.close()
        # The trail's INSERTs link each row to its chain's head in SQL (engine.trail).
        dbapi_connection.create_function(
            trail.SQLITE_HASH_FUNCTION, 1, trail.sha256_hex, deterministic=True
        )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        driver = conn.connection.driver_connection
        if driver.in_transaction:  # a unit of work began it on the driver (UnitSession)
            return
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        # On the driver directly: the same statement, without SQLAlchemy's statement overhead.
        driver.execute(f"BEGIN {mode}")


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reads (and the few writes that need no case lock)."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


class UnitSession(Session):
    """A session whose transaction the unit of work owns, on one pooled driver connection.

    A step's statements go to the driver directly (`unit_driver`, engine.rowsql): no
    SQLAlchemy `Connection` is made unless something uses the ORM or Core (`connection()`,
    get, add, flush); that one then wraps the same driver connection and joins the same
    transaction, sparing the step SQLAlchemy's bookkeeping. `commit()` and `rollback()` end
    the transaction as a plain Session would.
    """

    def __init__(self, engine: Engine, begin: str | None) -> None:
        super().__init__(bind=engine, expire_on_commit=False)
        self.unit_engine = engine
        self._unit_begin = begin
        self._fairy: Any = engine.raw_connection()
        self._driver: Any = self._fairy.driver_connection  # (a property two levels deep)
        self._unit_conn: Connection | None = None
        self._begun = False
        self._unit_sql: Any = None  # engine.store.sql's runner, for this transaction only

    def unit_sql(self) -> Any:
        """The statement runner kept for the transaction under way (None: none yet)."""
        return self._unit_sql if self._begun else None

    def keep_sql(self, runner: Any) -> None:
        """Keep the runner of the transaction under way (forgotten when it ends)."""
        self._unit_sql = runner

    def unit_driver(self) -> Any:
        """The driver connection, in the unit's transaction (begun on first use)."""
        if not self._begun:
            if self._unit_begin:
                self._driver.execute(self._unit_begin)
            self._begun = True
        return self._driver

    def connection(self, bind_arguments: Any = None, execution_options: Any = None) -> Connection:
        """A SQLAlchemy connection on the unit's driver connection and transaction."""
        if bind_arguments is not None or execution_options is not None:
            return super().connection(bind_arguments, execution_options)
        if self._unit_conn is None:
            self.unit_driver()
            self._unit_conn = Connection(self.unit_engine, connection=self._fairy)
            self.bind = self._unit_conn  # the ORM joins this connection's transaction
        if not self._unit_conn.in_transaction():
            self._unit_conn.begin()
        return self._unit_conn

    def get_bind(self, *args: Any, **kwargs: Any) -> Any:  # noqa: ARG002
        """The unit's connection (made on first ORM use)."""
        return self.connection()

    def commit(self) -> None:
        """Flush, then commit the unit's transaction."""
        if super().in_transaction():  # the ORM took part (else its commit would autobegin)
            super().commit()
        if self._unit_conn is not None and self._unit_conn.in_transaction():
            self._unit_conn.commit()
        self._driver.commit()
        self._begun = False
        self._unit_sql = None

    def rollback(self) -> None:
        """Roll back the unit's transaction (and the ORM's view of it)."""
        if super().in_transaction():
            super().rollback()
        if self._unit_conn is not None and self._unit_conn.in_transaction():
            self._unit_conn.rollback()
        self._driver.rollback()
        self._begun = False
        self._unit_sql = None

    def close(self) -> None:
        """Close the session and give the driver connection back to the pool."""
        orm_used = self._unit_conn is not None or self.new or self.identity_map
        if orm_used or super().in_transaction():  # else there is nothing to let go of
            super().close()
        if self._unit_conn is not None:
            self._unit_conn.close()  # closes the pooled connection it wraps
        elif self._fairy is not None:
            self._fairy.close()
        self._fairy = None
        self._unit_conn = None


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session whose transaction takes the write lock at once on SQLite.

    The caller commits once at the end of its unit of work; any exception
    rolls everything back.
    """
    if not is_sqlite(engine):
        with UnitSession(engine, None) as session:
            try:
                yield session
            except BaseException:
                session.rollback()
                raise
        return
    # SQLite takes one writer at a time anyway; queueing writers on a lock (first come, first
    # served) spares them SQLite's sleeping busy-retries.
    with _writer_lock(engine), UnitSession(_immediate(engine), "BEGIN IMMEDIATE") as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise


class WriterLock:
    """The writers of one SQLite database: this process's threads queue on a thread lock, and
    the processes on one database file (a server and its step hosts, api/stephosts.py) on a
    file lock beside it (`<database>-writer`); both hand the lock to the next writer at once,
    where SQLite's busy handler sleeps and retries. A process that dies holding it lets go
    (the kernel drops its locks). The time spent waiting is told to `engine.progress`, so a
    step host's watchdog does not count it against the step."""

    def __init__(self, path: str | None) -> None:
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None
        if path:
            try:
                self._fd = os.open(f"{os.path.abspath(path)}-writer", os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                self._fd = None  # a read-only directory: SQLite's own lock still holds
            else:
                weakref.finalize(self, os.close, self._fd)

    def __enter__(self) -> None:
        mark = progress.current
        mark.waiting(True)
        try:
            self._thread_lock.acquire()
            if self._depth == 0 and self._fd is not None:
                try:
                    fcntl.flock(self._fd, fcntl.LOCK_EX)
                except BaseException:
                    self._thread_lock.release()
                    raise
            self._depth += 1
        finally:
            mark.waiting(False)

    def __exit__(self, *_exc: object) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._thread_lock.release()


_WRITER_LOCKS: weakref.WeakKeyDictionary[Engine, WriterLock] = weakref.WeakKeyDictionary()
_IMMEDIATE: weakref.WeakKeyDictionary[Engine, Engine] = weakref.WeakKeyDictionary()
_LOCKS_LOCK = threading.Lock()


def _writer_lock(engine: Engine) -> WriterLock:
    with _LOCKS_LOCK:
        lock = _WRITER_LOCKS.get(engine)
        if lock is None:
            database = engine.url.database
            file = database and database != ":memory:" and not database.startswith("file:")
            lock = _WRITER_LOCKS[engine] = WriterLock(database if file else None)
        return lock


def _immediate(engine: Engine) -> Engine:
    """The engine whose transactions begin IMMEDIATE (made once per engine, not per step)."""
    with _LOCKS_LOCK:
        found = _IMMEDIATE.get(engine)
        if found is None:
            found = _IMMEDIATE[engine] = engine.execution_options(sqlite_begin="IMMEDIATE")
        return found
