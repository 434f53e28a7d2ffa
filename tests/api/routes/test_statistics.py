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
    assert figures["cases"]["by_reporting_agency"] == {
        "ngo": 0,
        "state": 6,
        "international": 0,
        "unknown": 0,
    }
    region = figures["by_fact"]["region"]
    # Every region is listed; 1 in Naryn is withheld, and with it the other count (Chui, 5).
    assert region == {**dict.fromkeys(region, 0), "chui": None, "naryn": None}
    assert len(region) == 10 and region["unknown"] == 0
    assert figures["by_fact"]["sex"] == {"female": 6, "male": 0, "other": 0, "unknown": 0}
    assert figures["by_fact"]["exploitation_type"]["labour"] == 6
    assert set(figures["by_fact"]["exploitation_type"].values()) == {0, 6}
    assert figures["people"]["by_age"] == {"child": 0, "adult": 6, "unknown": 0}
    assert figures["by_year_and_region"] == {
        str(y): figures["by_fact"]["region"] for y in map(int, figures["cases"]["by_year"])
    }
    assert "counts of people from 1 to 4 are withheld" in figures["rule"].lower()
    text = json.dumps(figures)
    assert "Asel" not in text and "P0" not in text and "Bishkek" not in text


def test_a_year_without_cases_and_a_year_out_of_range(as_user: Callable[[str], Actor]) -> None:
    rapporteur = as_user("rapporteur")
    empty = rapporteur.get("/statistics", params={"year": 2001}).json()
    assert empty["year"] == 2001 and empty["cases"]["total"] == 0
    assert set(empty["by_fact"]["region"].values()) == {0}  # every region, none counted
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


def test_registered_crimes_are_public_counts_for_statistics_readers(
    as_user: Callable[[str], Actor], api_engine: Engine
) -> None:
    from sqlmodel import Session

    from engine import official

    with Session(api_engine.db) as session:
        official.import_shipped(session, now=api_engine.clock.now())
        session.commit()
    response = as_user("rapporteur").get("/statistics/registered-crimes")
    assert response.status_code == 200, response.text
    table = response.json()
    (published,) = table["official"]
    assert published["national"]["2014"] == 19 and published["by_region"]["talas"]["2014"] == 0
    assert published["differences"] == {"2012": 1}
    assert table["system"]["national"] == {}  # no crime registered in the system yet
    assert as_user("police").get("/statistics/registered-crimes").status_code == 403


def test_the_rapporteur_alone_exports_the_htcds_file(as_user: Callable[[str], Actor]) -> None:
    police = as_user("police")
    for i in range(6):
        _report(police, region="chui" if i < 3 else "naryn", age=30 + i, pseudonym=f"P{i}")
    response = as_user("rapporteur").get("/statistics/export/htcds")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    first, header, *rows = response.text.splitlines()
    k = int(response.headers["x-k-anonymity"])
    assert first.startswith(f"# HTCDS export; k={k};") and k >= 5
    assert header.startswith("yearOfRegistration,regionOfRegistration,reportingAgencyType")
    assert len(rows) == 6 and "P0" not in response.text and "Asel" not in response.text
    assert as_user("policy").get("/statistics/export/htcds").status_code == 403


def test_a_report_that_names_a_country_counts_the_citizenship_as_known(
    as_user: Callable[[str], Actor],
) -> None:
    """An API client written before "Is the citizenship known?" sends the country alone: the
    case records the citizenship as known, and the statistics count it so, not as unanswered."""
    police = as_user("police")
    without = {k: v for k, v in REPORT.items() if k != "citizenship_status"}
    for i in range(5):
        response = police.post(
            "/cases", json={"process_id": "nrm_case", "data": {**without, "pseudonym": f"C{i}"}}
        )
        assert response.status_code == 201, response.text
    case = police.get(f"/cases/{response.json()['case']['id']}").json()
    assert case["data"]["citizenship_status"] == "known"
    counted = as_user("rapporteur").get("/statistics").json()["by_fact"]["citizenship_status"]
    assert counted["known"] == 5 and counted["unknown"] == 0, counted
