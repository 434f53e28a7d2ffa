"""Cases stored by each release still load and run to their end on this one (its migrations of
the database schema and of the stored layout applied), each step restored from storage."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import Session, select

from engine.config import load_settings
from engine.db import make_engine
from engine.facade import Engine
from engine.migrate import upgrade
from engine.models import Case
from engine.spiff.clock import FakeClock
from engine.spiff.serializer import SERIALIZER_VERSION
from scenario_suite.database import copy_sqlite
from tests.state_fixtures import STATES, Step, apply

RELEASES = sorted(p for p in STATES.iterdir() if (p / "cases.json").is_file())


def stored_engine(release: Path, tmp_path: Path, clock: FakeClock) -> Engine:
    """An engine (no workflow cache) on a copy of the release's database, migrated to head."""
    copy_sqlite(release / "nrm.db", tmp_path / "nrm.db")
    url = f"sqlite:///{tmp_path / 'nrm.db'}"
    db = make_engine(url)
    upgrade(db)
    settings = replace(load_settings({}), database_url=url, workflow_cache=0)
    return Engine(db, settings=settings, clock=clock)


def test_this_release_has_fixtures_of_its_stored_layout() -> None:
    assert STATES / SERIALIZER_VERSION in RELEASES, "run tests/fixtures/states/make_states.py"


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.name)
def test_stored_cases_of_a_release_run_to_their_end(
    release: Path, tmp_path: Path, clock: FakeClock
) -> None:
    engine = stored_engine(release, tmp_path, clock)
    cases = json.loads((release / "cases.json").read_text())
    with Session(engine.db) as session:
        versions = dict(session.exec(select(Case.id, Case.serializer_version)).all())
    assert set(versions) == set(cases) and set(versions.values()) == {release.name}
    for case_id, recorded in cases.items():
        for step in recorded["steps"]:
            apply(engine, clock, case_id, Step.of(step))
        case = engine.get_case(case_id)
        assert case.status == "completed", (recorded["report"], case.open_tasks)
    with Session(engine.db) as session:
        versions = dict(session.exec(select(Case.id, Case.serializer_version)).all())
    assert set(versions.values()) == {SERIALIZER_VERSION}  # every save records its layout
