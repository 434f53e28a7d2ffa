"""Database connection: SQLite (WAL) by default, PostgreSQL by URL.

Write units on SQLite start with `BEGIN IMMEDIATE` so two writers queue for
the lock instead of failing late on a stale snapshot; PostgreSQL writers lock
the case row (`SELECT ... FOR UPDATE`).
"""

from __future__ import annotations

import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DisconnectionError
from sqlmodel import Session, create_engine

from engine import checkpoint, trail

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


class HeldConnection:
    """One pooled SQLite connection that a thread (the API's event loop) keeps checked out
    and lends to the reads and units of work it runs itself, within `lent()`.

    A step request reads its caller and task, then runs its unit of work: two checkouts and
    check-ins of the pool, ~17 µs each here, on the thread every request waits for. A
    connection kept by that thread spares them both, and its page cache stays warm across
    its own commits. Only the thread that holds it uses it, one statement or transaction at a
    time (a unit on the event loop never awaits mid-transaction); work that the lending
    request hands to another thread (the thread pool) checks out its own. A connection that
    failed with a database error is given back (invalidated) and another one taken next time.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._fairy: Any = None
        self._owner: threading.Thread | None = None

    @contextmanager
    def lent(self) -> Iterator[None]:
        """Within this block this thread's `rows.reading` and `write_session` on the engine use
        the held connection (a thread other than its holder's gets nothing lent)."""
        here = threading.current_thread()
        if self._owner is not here:
            if self._owner is not None and self._owner.is_alive():
                yield  # held by another live thread: this one uses the pool
                return
            self.release()
            self._owner = here
        if self._fairy is None:
            self._fairy = self.engine.raw_connection()
            # It does not wait for locks: a unit lent it fails at once if the write lock is
            # taken (`without_waiting`; a waiting one sets the timeout for its transaction),
            # and WAL readers take no lock that a writer holds. Two PRAGMAs a step fewer.
            self._fairy.driver_connection.execute("PRAGMA busy_timeout=0")
        token = _LENT.set(self)
        try:
            yield
        except sqlite3.Error as exc:
            if not isinstance(exc, (sqlite3.IntegrityError, sqlite3.OperationalError)):
                self._discard()  # closed, misused or corrupt: take another one next time
            raise
        finally:
            _LENT.reset(token)

    def lending_to(self, engine: Engine) -> Any:
        """The held connection, if it is lent to this thread for this engine's pool."""
        if engine.pool is self.engine.pool and self._owner is threading.current_thread():
            return self._fairy
        return None

    def release(self) -> None:
        """Give the connection back to the pool (the holder stops; the next `lent` takes one)."""
        fairy, self._fairy, self._owner = self._fairy, None, None
        if fairy is not None:
            _end_transaction(fairy.driver_connection)
            fairy.driver_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            fairy.close()

    def _discard(self) -> None:
        fairy, self._fairy = self._fairy, None
        if fairy is not None:
            fairy.invalidate()


_LENT: ContextVar[HeldConnection | None] = ContextVar("nrm_lent_connection", default=None)


def lent_connection(engine: Engine) -> Any:
    """The pooled connection lent to this thread for `engine` (`HeldConnection.lent`), or None:
    then check one out of the pool."""
    held = _LENT.get()
    return held.lending_to(engine) if held is not None else None


def _end_transaction(driver: Any) -> None:
    """Roll back what a failed unit left open on a lent connection (the pool's check-in would
    have; a lent connection is not checked in)."""
    if driver.in_transaction:
        driver.rollback()


class UnitSession(Session):
    """A session whose transaction the unit of work owns, on one pooled driver connection.

    A step's statements go to the driver directly (`fast_connection`, engine.fastsql): no
    SQLAlchemy `Connection` is made unless something uses the ORM or Core (`connection()`,
    get, add, flush); that one then wraps the same driver connection and joins the same
    transaction. This spares ~0.2 ms of bookkeeping a step. `commit()` and `rollback()` end
    the transaction as a plain Session would.
    """

    def __init__(self, engine: Engine, begin: str | None) -> None:
        super().__init__(bind=engine, expire_on_commit=False)
        self.unit_engine = engine
        self._unit_begin = begin
        lent = lent_connection(engine)
        self._lent = lent is not None
        self._fairy: Any = lent if lent is not None else engine.raw_connection()
        self._driver: Any = self._fairy.driver_connection  # (a property two levels deep)
        self._unit_conn: Connection | None = None
        self._begun = False
        self._fast_sql: Any = None  # engine.store.sql's runner, for this transaction only

    def unit_fast_sql(self) -> Any:
        """The statement runner kept for the transaction under way (None: none yet)."""
        return self._fast_sql if self._begun else None

    def keep_fast_sql(self, runner: Any) -> None:
        """Keep the runner of the transaction under way (forgotten when it ends)."""
        self._fast_sql = runner

    def fast_connection(self) -> Any:
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
            self.fast_connection()
            # A lent connection is checked out once more for the Connection, whose close()
            # then leaves it with its holder (SQLAlchemy counts a connection's checkouts).
            fairy = self._fairy._checkout_existing() if self._lent else self._fairy
            self._unit_conn = Connection(self.unit_engine, connection=fairy)
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
        self._fast_sql = None

    def rollback(self) -> None:
        """Roll back the unit's transaction (and the ORM's view of it)."""
        if super().in_transaction():
            super().rollback()
        if self._unit_conn is not None and self._unit_conn.in_transaction():
            self._unit_conn.rollback()
        self._driver.rollback()
        self._begun = False
        self._fast_sql = None

    def close(self) -> None:
        """Close the session and give the driver connection back to the pool."""
        orm_used = self._unit_conn is not None or self.new or self.identity_map
        if orm_used or super().in_transaction():  # else there is nothing to let go of
            super().close()
        if self._unit_conn is not None:
            self._unit_conn.close()  # closes the pooled connection it wraps
        elif self._fairy is not None and not self._lent:
            self._fairy.close()
        if self._lent:
            _end_transaction(self._driver)
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
    # SQLite takes one writer at a time anyway; queueing this process's writers on a lock
    # (first come, first served) spares them SQLite's sleeping busy-retries.
    lock = _writer_lock(engine)
    waits = not _NO_WAIT.get()
    if not lock.acquire(blocking=waits):
        raise WriterBusyError("Another writer of this process holds the write lock.")
    try:
        with UnitSession(_immediate(engine), "BEGIN IMMEDIATE") as session:
            held_waits = waits and session._lent  # a held connection waits for none else
            if not waits:
                _begin_at_once(session)
            elif held_waits:
                session._driver.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            try:
                yield session
            except BaseException:
                session.rollback()
                raise
            finally:
                if held_waits:
                    session._driver.execute("PRAGMA busy_timeout=0")
    finally:
        lock.release()


class WriterBusyError(Exception):
    """The SQLite write lock is held and this unit may not wait for it (`without_waiting`).
    Raised before the unit has read or changed anything: the caller may retry where waiting
    is allowed."""


_NO_WAIT: ContextVar[bool] = ContextVar("nrm_write_without_waiting", default=False)


@contextmanager
def without_waiting() -> Iterator[None]:
    """Within this block a SQLite unit of work takes the write lock only if it is free at
    once (this process's writers and other processes alike), else raises `WriterBusyError`.

    The API runs a step on its event loop this way: a step that would wait for a lock must
    not stall every other request, so it is retried on the thread pool, where it may wait."""
    token = _NO_WAIT.set(True)
    try:
        yield
    finally:
        _NO_WAIT.reset(token)


def _begin_at_once(session: UnitSession) -> None:
    """BEGIN IMMEDIATE now, failing at once (not after the busy timeout) if another
    connection holds the write lock (a held connection's timeout is 0 already)."""
    driver, toggles = session._driver, not session._lent
    if toggles:
        driver.execute("PRAGMA busy_timeout=0")
    try:
        session.fast_connection()
    except sqlite3.OperationalError as exc:
        raise WriterBusyError("Another connection holds the database's write lock.") from exc
    finally:
        if toggles:
            driver.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


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
