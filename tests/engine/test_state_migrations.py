"""Stored states of older layouts are upgraded before they are restored: SpiffWorkflow's own
migrations, then the project's named ones (engine/spiff/state_migrations.py)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from engine.errors import StoredStateError
from engine.facade import Engine
from engine.spiff.serializer import SERIALIZER_VERSION, StateSerializer
from engine.spiff.state_migrations import NRM_LAYOUT, StateVersion, upgrade

NOTE = {"note": "seen"}


def no_specs() -> tuple[dict[str, Any], dict[str, Any]]:
    raise AssertionError("the specs are read only for SpiffWorkflow's migrations")


def upgraded(version: str, **options: Any) -> dict[str, Any]:
    dct: dict[str, Any] = {"steps": []}
    upgrade(dct, version, serializer=StateSerializer()._serializer, specs=no_specs, **options)
    return dct


def relabel(engine: Engine, case_id: str, version: str) -> None:
    """Mark the case's stored state as written in another layout, and forget the live one."""
    with engine.db.begin() as conn:
        conn.execute(
            text("UPDATE nrm_case SET serializer_version = :v WHERE id = :id"),
            {"v": version, "id": case_id},
        )
    engine.ctx.cache.drop(case_id)


def stored_version(engine: Engine, case_id: str) -> str:
    with engine.db.connect() as conn:
        return str(
            conn.execute(
                text("SELECT serializer_version FROM nrm_case WHERE id = :id"), {"id": case_id}
            ).scalar_one()
        )


def test_version_is_spiffworkflow_layout_and_project_layout() -> None:
    assert StateVersion.parse(SERIALIZER_VERSION) == StateVersion("1.5", NRM_LAYOUT)
    assert str(StateVersion.parse("1.4+nrm12")) == "1.4+nrm12"


@pytest.mark.parametrize("version", ["1.5", "", "nrm1", "1.5+nrm", "1.5+nrmX"])
def test_an_unknown_version_is_refused(version: str) -> None:
    with pytest.raises(StoredStateError, match="Unknown serializer version"):
        StateVersion.parse(version)


def test_named_migrations_run_in_order_from_the_stored_layout() -> None:
    migrations = {1: lambda d: d["steps"].append("nrm1->2"), 2: lambda d: d["steps"].append("2->3")}
    assert upgraded("1.5+nrm1", migrations=migrations, layout=3)["steps"] == ["nrm1->2", "2->3"]
    assert upgraded("1.5+nrm2", migrations=migrations, layout=3)["steps"] == ["2->3"]
    assert upgraded("1.5+nrm3", migrations=migrations, layout=3)["steps"] == []


def test_a_missing_named_migration_is_named() -> None:
    with pytest.raises(StoredStateError, match="from nrm1 to nrm2 is registered"):
        upgraded("1.5+nrm1", migrations={}, layout=2)


@pytest.mark.parametrize("version", [f"1.5+nrm{NRM_LAYOUT + 1}", "1.6+nrm1", "2.0+nrm1"])
def test_a_state_of_a_newer_release_is_refused(version: str) -> None:
    with pytest.raises(StoredStateError, match="saved by a newer release"):
        upgraded(version)


def test_a_spiffworkflow_layout_without_its_migration_is_refused() -> None:
    with pytest.raises(StoredStateError, match="SpiffWorkflow has no migration of serializer 0.9"):
        upgraded("0.9+nrm1")


def test_an_older_spiffworkflow_layout_runs_its_migration_then_the_case_goes_on(
    simple_engine: Engine,
) -> None:
    started = simple_engine.start_case(
        "simple", {"pseudonym": "Aigul", "age": 24}, agency="border", actor="border"
    )
    relabel(simple_engine, started.case.id, "1.4+nrm1")
    screening = started.opened[0]
    data = {"screening_result": "presumed_victim", "screening_date": "2026-03-01"}
    done = simple_engine.complete_task(screening.id, data, actor="police", agency="police")
    assert [t.name for t in done.opened] == ["Provide shelter"]
    assert stored_version(simple_engine, started.case.id) == SERIALIZER_VERSION


def test_spiffworkflow_migration_failing_names_the_layout(simple_engine: Engine) -> None:
    """SpiffWorkflow 3.2.0's 1.4 -> 1.5 migration fails on any state with a sub-process."""
    case = simple_engine.start_case("parent", {}, agency="social", actor="social").case
    relabel(simple_engine, case.id, "1.4+nrm1")
    [task] = simple_engine.case_tasks(case.id)
    with pytest.raises(StoredStateError, match=r"could not upgrade a serializer 1.4 state"):
        simple_engine.complete_task(task.id, NOTE, actor="social", agency="social")
    assert stored_version(simple_engine, case.id) == "1.4+nrm1"  # nothing changed
