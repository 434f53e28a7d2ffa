"""Deployed processes."""

from __future__ import annotations

from tests.api.conftest import AsUser


def test_list_processes_names_newest_versions(as_user: AsUser) -> None:
    response = as_user("reviewer").get("/processes")
    assert response.status_code == 200
    body = response.json()
    assert {p["id"] for p in body["data"]} == {"api_case", "simple"}
    assert body["count"] == 2
    api_case = next(p for p in body["data"] if p["id"] == "api_case")
    assert (api_case["name"], api_case["version"]) == ("API test case", 1)
    assert api_case["deployed_at"].startswith("2026-01-05T09:00:00")


def test_list_processes_for_rapporteur_is_403(as_user: AsUser) -> None:
    assert as_user("rapporteur").get("/processes").status_code == 403


def test_read_diagram_returns_svg(as_user: AsUser) -> None:
    response = as_user("policy").get("/processes/api_case/diagram.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.text.lstrip().startswith(("<svg", "<?xml"))


def test_read_diagram_of_unknown_process_is_404_and_rapporteur_403(as_user: AsUser) -> None:
    assert as_user("reviewer").get("/processes/nope/diagram.svg").status_code == 404
    assert as_user("rapporteur").get("/processes/api_case/diagram.svg").status_code == 403
