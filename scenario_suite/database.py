"""A fresh migrated database per test or scenario: SQLite copied from a migrated template, or
PostgreSQL when NRM_TEST_DATABASE_URL is set (a pytest plugin: the test suite and the deploy
gate's scenario runs load it)."""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine as Database
from sqlalchemy.engine import make_url

from engine.config import Settings, load_settings
from engine.db import make_engine
from engine.migrate import upgrade

PG_URL = os.environ.get("NRM_TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = make_engine(f"sqlite:///{path}")
    upgrade(db)
    db.dispose()
    return path  # copied by copy_sqlite, with what its write-ahead log still holds


def worker_database(url: str, worker: str | None) -> str:
    """The PostgreSQL database of one pytest-xdist worker (`<name>_gw0` …), created beside the
    one NRM_TEST_DATABASE_URL names: workers must not truncate each other's tables."""
    if not worker:
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = make_engine(url)
    with admin.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if exists.first() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _pg_schema() -> str | None:
    if not PG_URL:
        return None
    url = worker_database(PG_URL, os.environ.get("PYTEST_XDIST_WORKER"))
    db = make_engine(url)
    with db.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    upgrade(db)
    db.dispose()
    return url


def _truncate_all(db: Database) -> None:
    with db.begin() as conn:
        # A connection an earlier test left open in a transaction (on this worker's database)
        # would hold the truncation's lock for ever: the suite then hangs, it does not fail.
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
        tables = (
            conn.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version'"
                )
            )
            .scalars()
            .all()
        )
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


_TESTS = itertools.count(1)


def _named_for_this_test(url: str) -> str:
    """The worker's database under a URL of this test's own (its connections' application
    name): the truncation restarts every row id, and a library kept for the session remembers
    parsed versions by database URL and row id, so a URL shared by two tests would give the
    second one the first one's version 2."""
    named = make_url(url).update_query_dict({"application_name": f"nrm-test-{next(_TESTS)}"})
    return named.render_as_string(hide_password=False)


@pytest.fixture
def database_url(tmp_path: Path, _sqlite_template: Path, _pg_schema: str | None) -> str:
    """URL of an empty, migrated database for this test."""
    if _pg_schema:
        db = make_engine(_pg_schema)
        _truncate_all(db)
        db.dispose()
        return _named_for_this_test(_pg_schema)
    path = tmp_path / "nrm.db"
    copy_sqlite(_sqlite_template, path)
    return f"sqlite:///{path}"


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy a SQLite database with SQLite's backup API: a copy of the file alone misses the
    commits still in its write-ahead log (the checkpoint thread may hold it open)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A SQLAlchemy engine on the test database."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Settings for the test database, with the project's diagrams and forms."""
    # Steps run in the test's own process (the server's step hosts: tests/api/test_isolation.py).
    return replace(load_settings({}), database_url=database_url, step_processes=0)
