"""Shared fixtures: a fresh migrated database per test (SQLite, or PostgreSQL when
NRM_TEST_DATABASE_URL is set), a fake clock, and engines on fixture diagrams."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine as Database

from engine.config import Settings, load_settings
from engine.db import make_engine
from engine.facade import Engine
from engine.migrate import upgrade
from engine.sources import SourceFile, read_paths
from engine.spiff.clock import FakeClock

# The scenarios' step definitions and path recorder (tests/features runs them).
pytest_plugins = ["scenario_suite.steps"]

FIXTURES = Path(__file__).parent / "fixtures"
PG_URL = os.environ.get("NRM_TEST_DATABASE_URL")


def pytest_configure(config: pytest.Config) -> None:
    """Markers of the suite's own (pyproject.toml lists the others)."""
    config.addinivalue_line(
        "markers", "gate: runs real scenarios in a child pytest (a few seconds each; make test)"
    )


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = make_engine(f"sqlite:///{path}")
    upgrade(db)
    db.dispose()
    return path  # copied by copy_sqlite, with what its write-ahead log still holds


@pytest.fixture(scope="session")
def _pg_schema() -> str | None:
    if not PG_URL:
        return None
    db = make_engine(PG_URL)
    with db.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    upgrade(db)
    db.dispose()
    return PG_URL


def _truncate_all(db: Database) -> None:
    with db.begin() as conn:
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


@pytest.fixture
def database_url(tmp_path: Path, _sqlite_template: Path, _pg_schema: str | None) -> str:
    """URL of an empty, migrated database for this test."""
    if _pg_schema:
        db = make_engine(_pg_schema)
        _truncate_all(db)
        db.dispose()
        return _pg_schema
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
def clock() -> FakeClock:
    """A clock that moves only when the test says so (Monday 5 January 2026, 09:00 UTC)."""
    return FakeClock()


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Settings for the test database, with the project's diagrams and forms."""
    return replace(load_settings({}), database_url=database_url)


def fixture_files(*names: str) -> list[SourceFile]:
    """Fixture diagrams and forms by file name (under tests/fixtures/engine)."""
    return read_paths([FIXTURES / "engine" / n for n in names])


@pytest.fixture
def make_test_engine(db: Database, settings: Settings, clock: FakeClock) -> Callable[..., Engine]:
    """Build an engine on the test database with some fixture files deployed."""

    def build(*names: str) -> Engine:
        engine = Engine(db, settings=settings, clock=clock)
        if names:
            engine.deploy(fixture_files(*names), deployed_by="test")
        return engine

    return build


SIMPLE = (
    "simple.bpmn",
    "simple_report.schema.json",
    "simple_screen.schema.json",
    "simple_note.schema.json",
)
CALLS = ("parent.bpmn", "child.bpmn", "simple_note.schema.json")


@pytest.fixture
def simple_engine(make_test_engine: Callable[..., Engine]) -> Engine:
    """An engine with the `simple` and `parent`/`child` fixture processes deployed."""
    return make_test_engine(*sorted(set(SIMPLE + CALLS)))
