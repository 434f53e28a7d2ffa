"""Shared fixtures: a fresh migrated database per test (SQLite, or PostgreSQL when
NRM_TEST_DATABASE_URL is set), a fake clock, and engines on fixture diagrams."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine as Database

from engine.config import Settings
from engine.facade import Engine
from engine.sources import SourceFile, read_paths
from engine.spiff.clock import FakeClock

# A migrated database per test (`database_url`, `db`, `settings`), and the scenarios' step
# definitions and path recorder (tests/features runs them).
pytest_plugins = ["scenario_suite.database", "scenario_suite.steps"]

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    """Markers of the suite's own (pyproject.toml lists the others)."""
    config.addinivalue_line(
        "markers", "gate: runs real scenarios in a child pytest (a few seconds each; make test)"
    )


# Tests of a minute or more on CI's cores besides the gate's scenario runs.
LONG_TESTS = ("tests/browser/test_accessibility.py::test_every_page_has_no_axe_violation",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest tests first (the scenario runs, the axe walk), else in their order: with
    two workers, one of them drawn last would keep its worker busy alone at the end. Browser
    tests stay after all others: Playwright keeps an event loop running in its worker's thread,
    and a later test that runs its own (asyncio.run) would fail there."""
    items.sort(key=lambda item: (_browser(item), not _long(item)))


def _browser(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None


def _long(item: pytest.Item) -> bool:
    return item.get_closest_marker("gate") is not None or item.nodeid.startswith(LONG_TESTS)


@pytest.fixture
def clock() -> FakeClock:
    """A clock that moves only when the test says so (Monday 5 January 2026, 09:00 UTC)."""
    return FakeClock()


def fixture_files(*names: str, folder: str = "engine") -> list[SourceFile]:
    """Fixture diagrams and forms by file name (under tests/fixtures/<folder>)."""
    return read_paths([FIXTURES / folder / n for n in names])


@pytest.fixture
def make_test_engine(db: Database, settings: Settings, clock: FakeClock) -> Callable[..., Engine]:
    """Build an engine on the test database with some fixture files (of tests/fixtures/engine,
    or of the folder named) deployed."""

    def build(*names: str, folder: str = "engine") -> Engine:
        engine = Engine(db, settings=settings, clock=clock)
        if names:
            engine.deploy(fixture_files(*names, folder=folder), deployed_by="test")
        return engine

    return build


def fresh(engine: Engine) -> Engine:
    """Another engine on the same database: it restores every case from storage."""
    return Engine(engine.db, settings=engine.settings, clock=engine.clock)


def task_id(engine: Engine, case_id: str, name: str) -> str:
    """The id of the case's open task of that name."""
    return next(t.id for t in engine.case_tasks(case_id) if t.name == name)


def open_names(engine: Engine, case_id: str) -> list[str]:
    """The names of the case's open tasks, sorted."""
    return sorted(t.name for t in engine.case_tasks(case_id))


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
