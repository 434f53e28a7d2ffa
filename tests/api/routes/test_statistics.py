"""GET /statistics: the rapporteur's aggregates, from the project's own forms and diagrams."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from engine.facade import Engine
from tests.api.conftest import PROBLEM_JSON, Actor
from tests.forms.conftest import REPORT


@pytest.fixture
def api_engine(project_api_engine: Engine) -> Engine:
    """The project's library: case_report marks region, sex, age and more for statistics."""
    return project_api_engine


def _report(actor: Actor, **changes: object) -> None:
    response = actor.post("/cases", json={"process_id": "nrm_case", "data": {**REPORT, **changes}})
    assert response.status_code == 201, response.text


def test_the_rapporteur_reads_aggregates_without_personal_data(
    as_user: Callable[[str], Actor],
) -> None:
    police = as_user("police")
    for i in range(6):
        _report(police, region="chui" if i < 5 else "naryn", age=30 + i, pseudonym=f"P{i}")
    response = as_user("rapporteur").get("/statistics")
    assert response.status_code == 200, response.text
    figures = response.json()
    assert figures["cases"]["total"] == 6
    assert figures["cases"]["by_reporting_agency"] == {"police": 6}
    # 5 in Chui are shown; 1 in Naryn is withheld, and with it the only other count.
    assert figures["by_fact"]["region"] == {"chui": None, "naryn": None}
    assert figures["by_fact"]["sex"] == {"female": 6}
    assert figures["by_fact"]["exploitation_type"] == {"labour": 6}
    assert figures["by_fact"]["age_group"] == {"25-34": None, "35-49": None}
    assert figures["by_year_and_region"] == {
        str(y): figures["by_fact"]["region"] for y in map(int, figures["cases"]["by_year"])
    }
    assert "counts from 1 to 4" in figures["rule"].lower()
    text = json.dumps(figures)
    assert "Asel" not in text and "P0" not in text and "Bishkek" not in text


def test_a_year_without_cases_and_a_year_out_of_range(as_user: Callable[[str], Actor]) -> None:
    rapporteur = as_user("rapporteur")
    empty = rapporteur.get("/statistics", params={"year": 2001}).json()
    assert empty["year"] == 2001 and empty["cases"]["total"] == 0 and empty["by_fact"] == {}
    assert empty["years"] == []  # no case at all yet: no year to choose
    response = rapporteur.get("/statistics", params={"year": 1999})
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["errors"][0]["field"] == "year"


def test_casework_roles_do_not_read_statistics(as_user: Callable[[str], Actor]) -> None:
    response = as_user("police").get("/statistics")
    assert response.status_code == 403
    assert response.headers["content-type"] == PROBLEM_JSON
    assert as_user("policy").get("/statistics").status_code == 200
