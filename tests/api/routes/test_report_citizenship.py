"""POST /cases for nrm_case: "Is the citizenship known?" and the country, as API clients send them.

The report page always asks the question (forms/web/start.py); other agencies' systems and
fixtures send a country alone. A country implies a known citizenship: such a report is taken
and the case records `citizenship_status = "known"` (nrm_case's "Note child, citizenship and
abroad"), never refused; "known" without a country, or a country beside "not known", is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from engine.facade import Engine
from tests.api.conftest import Actor

# A complete report of an adult found in Kyrgyzstan, without the citizenship questions.
REPORT: dict[str, Any] = {
    "detection_channel": "police",
    "detection_date": "2026-01-05",
    "detection_place": "Bishkek bus station",
    "region": "chui",
    "exploitation_type": "labour",
    "exploitation_country": "KG",
    "pseudonym": "Aigul-90",
    "age": 27,
    "age_certainty": "documented",
    "sex": "female",
    "location": "in_kyrgyzstan",
    "language": "ky",
    "interpreter_needed": False,
    "immediate_danger": False,
    "medical_emergency": False,
}


@pytest.fixture
def api_engine(project_api_engine: Engine) -> Engine:
    """The project's own nrm_case and case_report form."""
    return project_api_engine


def _report(actor: Actor, **changes: Any) -> Any:
    return actor.post("/cases", json={"process_id": "nrm_case", "data": {**REPORT, **changes}})


def _case_data(actor: Actor, case_id: str) -> dict[str, Any]:
    response = actor.get(f"/cases/{case_id}")
    assert response.status_code == 200, response.text
    return dict(response.json()["data"] or {})


def test_start_case_country_alone_is_taken_as_known(as_user: Callable[[str], Actor]) -> None:
    police = as_user("police")
    response = _report(police, citizenship="UZ")
    assert response.status_code == 201, response.text
    data = _case_data(police, response.json()["case"]["id"])
    assert data["citizenship_status"] == "known"
    assert data["citizenship"] == "UZ"


def test_start_case_known_with_country_is_kept(as_user: Callable[[str], Actor]) -> None:
    police = as_user("police")
    response = _report(police, citizenship_status="known", citizenship="KG")
    assert response.status_code == 201, response.text
    assert _case_data(police, response.json()["case"]["id"])["citizenship_status"] == "known"


def test_start_case_not_known_stays_not_known(as_user: Callable[[str], Actor]) -> None:
    police = as_user("police")
    response = _report(police, citizenship_status="unknown")
    assert response.status_code == 201, response.text
    data = _case_data(police, response.json()["case"]["id"])
    assert data["citizenship_status"] == "unknown"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"citizenship_status": "known"}, "citizenship"),
        ({}, "citizenship"),
        ({"citizenship_status": "unknown", "citizenship": "UZ"}, "citizenship"),
    ],
)
def test_start_case_citizenship_answers_that_contradict_are_refused(
    as_user: Callable[[str], Actor], changes: dict[str, Any], field: str
) -> None:
    response = _report(as_user("police"), **changes)
    assert response.status_code == 422, response.text
    assert field in response.text
