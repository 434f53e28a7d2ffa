"""Versions of the project's processes through the API: list, diff, migration preview and
migration of open cases, diagrams of a version (with scenario coverage) and of a case."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from engine.facade import Engine
from engine.models import AuditEvent
from tests.api.conftest import AsUser
from tests.library import renamed_accept_task

REFERRAL = {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False}


@pytest.fixture
def api_engine(project_api_engine: Engine) -> Engine:
    """The project's library deployed (version 1 of every process)."""
    return project_api_engine


def element_class(svg: str, element_id: str) -> str:
    """The class attribute of an element's group in a drawing."""
    marker = f'data-element-id="{element_id}"'
    assert marker in svg, element_id
    start = svg.rfind("<g", 0, svg.index(marker))
    return svg[start : svg.index(">", start)]


def start_referral(as_user: AsUser) -> dict[str, Any]:
    response = as_user("police").post("/cases", json={"process_id": "referral", "data": REFERRAL})
    assert response.status_code == 201, response.text
    case: dict[str, Any] = response.json()["case"]
    return case


def deploy_v2(api_engine: Engine) -> None:
    """Version 2 of referral (and nrm_case): the receiver's task renamed, ids kept."""
    api_engine.deploy(api_engine.candidate([renamed_accept_task()]), deployed_by="policy")


def test_list_versions_says_who_deployed_what_and_open_cases(
    as_user: AsUser, api_engine: Engine
) -> None:
    start_referral(as_user)
    deploy_v2(api_engine)
    response = as_user("reviewer").get("/processes/referral/versions")
    assert response.status_code == 200
    data = response.json()["data"]
    assert [(v["version"], v["deployed_by"], v["open_cases"]) for v in data] == [
        (2, "policy", 0),
        (1, "setup", 1),
    ]
    assert data[0]["content_hash"] != data[1]["content_hash"]
    assert data[0]["deployed_at"].startswith("2026-01-05T09:00:00")
    assert as_user("reviewer").get("/processes/nowhere/versions").status_code == 404


def test_diff_names_the_changed_element(as_user: AsUser, api_engine: Engine) -> None:
    deploy_v2(api_engine)
    response = as_user("policy").get("/processes/referral/diff?from=1&to=2")
    assert response.status_code == 200
    body = response.json()
    assert (body["added"], body["removed"], body["forms"]) == ([], [], [])
    assert [(c["element_id"], c["name"], c["changes"]) for c in body["changed"]] == [
        ("task_accept", "Decide on the referral", ["name"])
    ]
    assert as_user("policy").get("/processes/referral/diff?from=1&to=9").status_code == 404
    assert as_user("policy").get("/processes/referral/diff?from=1").status_code == 422


def test_migration_preview_then_migration_moves_the_case_once(
    as_user: AsUser, api_engine: Engine
) -> None:
    case = start_referral(as_user)
    deploy_v2(api_engine)
    preview = as_user("reviewer").get("/processes/referral/migration?to=2")
    assert preview.status_code == 200
    [row] = preview.json()["data"]
    assert (row["case_id"], row["from_version"], row["can_migrate"]) == (case["id"], 1, True)
    assert row["waiting_at"] and row["issues"] == [] and preview.json()["movable"] == 1
    body = {"to": 2, "case_ids": [case["id"]]}
    moved = as_user("policy").post("/processes/referral/migration", json=body)
    assert moved.status_code == 200, moved.text
    [result] = moved.json()["cases"]
    assert (result["from_version"], result["to_version"]) == (1, 2)
    assert [t["name"] for t in result["open_tasks"]] == ["Compile the referral"]
    assert as_user("police").get(f"/cases/{case['id']}").json()["process_version"] == 2
    with Session(api_engine.db) as session:
        [event] = session.exec(select(AuditEvent).where(AuditEvent.action == "case.migrated"))
    assert (event.actor, event.case_id) == ("policy", case["id"])
    again = as_user("policy").post("/processes/referral/migration", json=body)
    assert again.status_code == 409
    assert again.json()["refused"] == {case["number"]: ["The case already runs on version 2."]}


def test_migration_refuses_ids_of_no_case_of_the_process(as_user: AsUser) -> None:
    body = {"to": 1, "case_ids": ["no-such-case"]}
    response = as_user("policy").post("/processes/referral/migration", json=body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["case_ids/0"]
    assert as_user("reviewer").post("/processes/referral/migration", json=body).status_code == 403


def test_read_diagram_of_an_older_version(as_user: AsUser, api_engine: Engine) -> None:
    deploy_v2(api_engine)
    old = as_user("policy").get("/processes/referral/diagram.svg?version=1")
    new = as_user("policy").get("/processes/referral/diagram.svg")
    assert old.status_code == new.status_code == 200
    assert "Accept or decline referral" in old.text and "Decide on the referral" in new.text
    assert "version 1" in old.text and "version 2" in new.text
    assert old.headers["content-security-policy"].startswith("default-src 'none'")
    missing = as_user("policy").get("/processes/referral/diagram.svg?version=3")
    assert missing.status_code == 404


def test_read_diagram_with_coverage_overlay_from_the_scenario_report(
    as_user: AsUser, api_engine: Engine
) -> None:
    plain = as_user("reviewer").get("/processes/referral/diagram.svg?overlay=coverage")
    assert "state-" not in element_class(plain.text, "task_accept")  # no report: drawn plain
    report = {
        "scenarios": [
            {
                "feature": "referral.feature",
                "name": "accepts",
                "status": "passed",
                "finished_at": "2026-01-05T09:00:00+00:00",
                "flows": [["referral", "flow_answered"]],
                "elements": [["referral", "task_accept"], ["referral", "gw_accept"]],
                "error": None,
            }
        ],
        "processes": [
            {
                "process_id": "referral",
                "file": "referral.bpmn",
                "flows": [
                    {
                        "flow_id": "flow_answered",
                        "source": "task_accept",
                        "target": "gw_accept",
                        "name": "",
                        "covered_by": ["referral.feature: accepts"],
                    },
                    {
                        "flow_id": "flow_send",
                        "source": "merge_send",
                        "target": "task_accept",
                        "name": "",
                        "covered_by": [],
                    },
                ],
                "lanes": {},
            }
        ],
    }
    reports: Path = api_engine.settings.reports_dir
    (reports / "scenarios.json").write_text(json.dumps(report), encoding="utf-8")
    drawn = as_user("reviewer").get("/processes/referral/diagram.svg?overlay=coverage").text
    assert "state-covered" in element_class(drawn, "task_accept")
    assert "state-covered" in element_class(drawn, "flow_answered")
    assert "state-uncovered" in element_class(drawn, "flow_send")
    assert "state-uncovered" in element_class(drawn, "merge_send")
    bad = as_user("reviewer").get("/processes/referral/diagram.svg?overlay=heat")
    assert bad.status_code == 422


def test_read_case_diagram_for_participants_only(as_user: AsUser) -> None:
    case = start_referral(as_user)
    response = as_user("police").get(f"/cases/{case['id']}/diagram.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert "state-ready" in element_class(response.text, "task_compile")
    assert "state-completed" in element_class(response.text, "start_referral")
    assert "Bermet" not in response.text  # element states only, never case data
    assert as_user("ngo").get(f"/cases/{case['id']}/diagram.svg").status_code == 403
    assert as_user("policy").get(f"/cases/{case['id']}/diagram.svg").status_code == 403
    other = as_user("police").get(f"/cases/{case['id']}/diagram.svg?process=repatriation")
    assert other.status_code == 404
