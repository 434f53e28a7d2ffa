"""One instance of a multi-instance task through the API: its agency, its item, its data."""

from __future__ import annotations

from typing import Any

import pytest

from engine.facade import Engine
from tests.api.conftest import AsUser, complete
from tests.conftest import fixture_files

SERVICES = ("services.bpmn", "services_plan.schema.json", "services_deliver.schema.json")
PLAN = {
    "services": ["shelter", "medical"],
    "agencies": {"shelter": "ngo", "medical": "health"},
}


@pytest.fixture
def case_id(api_engine: Engine) -> str:
    """A `services` case whose plan sends shelter to the NGO and medical care to health."""
    api_engine.deploy(fixture_files(*SERVICES), deployed_by="test")
    return api_engine.start_case("services", PLAN, agency="social", actor="social").case.id


def inbox(as_user: AsUser, username: str) -> list[dict[str, Any]]:
    response = as_user(username).get("/tasks")
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def test_list_tasks_names_each_instance_after_its_item(as_user: AsUser, case_id: str) -> None:
    [medical] = inbox(as_user, "health")
    assert (medical["name"], medical["title"], medical["item"]) == (
        "Deliver service: Medical care",
        "Deliver service",
        "Medical care",
    )
    [shelter] = inbox(as_user, "ngo")
    assert shelter["item"] == "Shelter"


def test_read_task_gives_the_data_of_its_own_instance(as_user: AsUser, case_id: str) -> None:
    for username, service in (("health", "medical"), ("ngo", "shelter")):
        [task] = inbox(as_user, username)
        data = as_user(username).get(f"/tasks/{task['id']}").json()["data"]
        assert (data["service"], data["rehab_service_agency"]) == (service, username)


def test_complete_task_saves_the_answers_under_its_own_item(
    as_user: AsUser, api_engine: Engine, case_id: str
) -> None:
    [medical] = inbox(as_user, "health")
    assert complete(as_user("health"), medical["id"], {"provider": "Hospital"}).status_code == 200
    [shelter] = inbox(as_user, "ngo")
    assert complete(as_user("ngo"), shelter["id"], {"provider": "Sezim"}).status_code == 200
    assert api_engine.get_case(case_id).data["services_done"] == {
        "shelter": {"agency": "ngo", "provider": "Sezim"},
        "medical": {"agency": "health", "provider": "Hospital"},
    }


def test_an_ordinary_task_has_no_item(as_user: AsUser, case_id: str) -> None:
    assert all(t["item"] for t in inbox(as_user, "ngo"))
    response = as_user("border").post(
        "/cases", json={"process_id": "simple", "data": {"pseudonym": "A"}}
    )
    assert response.status_code == 201, response.text
    assert [t["item"] for t in response.json()["case"]["open_tasks"]] == [None]
