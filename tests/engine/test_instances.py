"""One task per item of a multi-instance user task: its own name, lane and data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.engine import Engine as Database
from sqlmodel import Session, select

from engine.config import Settings
from engine.errors import InvalidDataError
from engine.facade import Engine
from engine.models import CaseFact
from engine.spiff.clock import FakeClock

SERVICES = (
    "services.bpmn",
    "services_plan.schema.json",
    "services_deliver.schema.json",
)
PLAN = {
    "services": ["shelter", "medical", "employment"],
    "agencies": {"shelter": "ngo", "medical": "health", "employment": "social"},
}


@pytest.fixture
def engine(make_test_engine: Callable[..., Engine]) -> Engine:
    """An engine with the `services` fixture process deployed."""
    return make_test_engine(*SERVICES)


def test_each_instance_is_named_after_its_item_and_lands_with_its_agency(engine: Engine) -> None:
    step = engine.start_case("services", PLAN, agency="social", actor="social")
    assert sorted((t.name, t.agency) for t in step.opened) == [
        ("Deliver service: Employment", "social"),
        ("Deliver service: Medical care", "health"),
        ("Deliver service: Shelter", "ngo"),
    ]
    assert {t.lane for t in step.opened} == {"lane_service_provider"}


def test_each_instance_shows_its_own_item(engine: Engine) -> None:
    step = engine.start_case("services", PLAN, agency="social", actor="social")
    for task in step.opened:
        data = engine.task_data(step.case.id, task.id)
        assert task.name.endswith(engine_title(data["service"]))
        assert data["rehab_service_agency"] == task.agency


def engine_title(service: str) -> str:
    """The plan form's title of a service."""
    return {"shelter": "Shelter", "medical": "Medical care", "employment": "Employment"}[service]


def test_each_instance_saves_its_data_under_its_item(engine: Engine) -> None:
    step = engine.start_case("services", PLAN, agency="social", actor="social")
    by_agency = {t.agency: t for t in step.opened}
    for agency, provider in (("health", "City hospital"), ("ngo", "Sezim"), ("social", "Centre")):
        task = by_agency[agency]
        engine.complete_task(task.id, {"provider": provider}, actor=agency, agency=agency)
    case = engine.get_case(step.case.id)
    assert case.status == "completed"
    assert case.data["services_done"] == {
        "shelter": {"agency": "ngo", "provider": "Sezim"},
        "medical": {"agency": "health", "provider": "City hospital"},
        "employment": {"agency": "social", "provider": "Centre"},
    }
    assert "provider" not in case.data  # no instance's answers stand as the case's own


def test_instance_names_survive_a_restore(
    engine: Engine, db: Database, settings: Settings, clock: FakeClock
) -> None:
    step = engine.start_case("services", PLAN, agency="social", actor="social")
    first = next(t for t in step.opened if t.agency == "ngo")
    engine.complete_task(first.id, {"provider": "Sezim"}, actor="ngo", agency="ngo")
    fresh = Engine(db, settings=settings, clock=clock)  # no cached workflow: restored state
    names = {t.name: t.agency for t in fresh.case_tasks(step.case.id)}
    assert names == {
        "Deliver service: Medical care": "health",
        "Deliver service: Employment": "social",
    }
    medical = next(t for t in fresh.case_tasks(step.case.id) if t.agency == "health")
    assert fresh.task_data(step.case.id, medical.id)["service"] == "medical"


def test_task_data_of_a_closed_task_is_the_case_data(engine: Engine) -> None:
    step = engine.start_case("services", PLAN, agency="social", actor="social")
    task = step.opened[0]
    engine.complete_task(task.id, {"provider": "X"}, actor=task.agency or "", agency=task.agency)
    assert engine.task_data(step.case.id, task.id) == engine.get_case(step.case.id).data


def test_a_read_only_field_is_set_from_the_instance_and_counted(engine: Engine) -> None:
    step = engine.start_case("services", PLAN, agency="social", actor="social")
    medical = next(t for t in step.opened if t.agency == "health")
    engine.complete_task(medical.id, {"provider": "Hospital"}, actor="health", agency="health")
    with Session(engine.db) as session:
        facts = session.exec(select(CaseFact.name).where(CaseFact.case_id == step.case.id))
        assert "service:medical" in set(facts.all())


def test_a_read_only_field_sent_with_another_value_is_refused(engine: Engine) -> None:
    step = engine.start_case("services", PLAN, agency="social", actor="social")
    medical = next(t for t in step.opened if t.agency == "health")
    with pytest.raises(InvalidDataError) as refused:
        engine.complete_task(
            medical.id,
            {"provider": "Hospital", "service": "shelter"},
            actor="health",
            agency="health",
        )
    assert [(e.field, e.code) for e in refused.value.errors] == [("service", "readOnly")]
    same = {"provider": "Hospital", "service": "medical"}  # the task's own value is accepted
    engine.complete_task(medical.id, same, actor="health", agency="health")
