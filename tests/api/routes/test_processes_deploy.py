"""Validating and deploying diagrams through the API, on the project's own library: a
deployment is checked at once and queued as a job, which the test then runs itself (the
server's runner is off here: tests/api/routes/test_deploy_runner.py has it on).

Tests marked `gate` run real scenarios in a child pytest (a few seconds each).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlmodel import Session, select

from engine.facade import Engine
from engine.models import AuditEvent
from engine.scenario_gate import SkipScenarios
from engine.sources import SourceFile
from scenario_suite.world import fill_form
from tests.api.conftest import API, PROBLEM_JSON, AsUser, complete
from tests.conftest import FIXTURES
from tests.library import GATE_FIXTURES, changed, form_with_optional_field, renamed_accept_task

VALIDATION = FIXTURES / "validation"
REFERRAL = {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False}
COMPILE = {
    "referral_needs": ["shelter"],
    "referral_urgency": "urgent",
    "referral_receiver": "ngo",
    "referral_consent_receivers": ["ngo"],
    "referral_consent_date": "2026-01-05",
    "referral_consent_method": "written",
}


@pytest.fixture
def api_engine(project_api_engine: Engine) -> Engine:
    """The project's library deployed (version 1 of every process)."""
    return project_api_engine


def upload(*files: SourceFile) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (f.name, f.content)) for f in files]


def short_features() -> list[SourceFile]:
    """One-scenario referral.feature and nrm_case.feature."""
    return [SourceFile(p.name, p.read_bytes()) for p in sorted(GATE_FIXTURES.glob("*.feature"))]


def fixture(name: str) -> SourceFile:
    return SourceFile(name, (VALIDATION / name).read_bytes())


def versions(actor: Any, process_id: str) -> list[tuple[int, int]]:
    """(version, open cases) of a process, newest first."""
    body = actor.get(f"/processes/{process_id}/versions").json()
    return [(v["version"], v["open_cases"]) for v in body["data"]]


def work(actor: Any, api_engine: Engine, case_id: str, task: str, data: dict[str, Any]) -> None:
    """Complete the case's open task of that name through the API (form filled in)."""
    [found] = [t for t in api_engine.case_tasks(case_id) if t.name == task]
    schema = actor.get(f"/tasks/{found.id}").json()["form_schema"]
    response = complete(actor, found.id, fill_form(schema, data, date(2026, 1, 5)))
    assert response.status_code == 200, response.text


def test_validate_reports_every_problem_with_file_and_line(as_user: AsUser) -> None:
    missing_form = changed(
        "referral.bpmn", b'value="referral_accept.schema.json"', b'value="nowhere.schema.json"'
    )
    files = upload(missing_form, fixture("gateways.bpmn"), fixture("graph.bpmn"))
    response = as_user("reviewer").post("/processes/validate", files=files)
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is False
    assert body["files"] == ["gateways.bpmn", "graph.bpmn", "referral.bpmn"]
    assert {e["file"] for e in body["errors"]} == set(body["files"])
    assert all(e["line"] and e["message"] and e["severity"] == "error" for e in body["errors"])
    [form] = [e for e in body["errors"] if e["file"] == "referral.bpmn"]
    assert "nowhere.schema.json" in form["message"] and form["element_id"] == "task_accept"
    assert len(body["errors"]) >= 5 and body["warnings"]


def test_validate_and_deploy_report_a_deeply_nested_form_as_a_problem(as_user: AsUser) -> None:
    files = upload(SourceFile("deep.schema.json", b"[" * 100_000 + b"]" * 100_000))
    checked = as_user("policy").post("/processes/validate", files=files)
    assert checked.status_code == 200
    [error] = checked.json()["errors"]
    assert (error["file"], error["code"]) == ("deep.schema.json", "form-json")
    deployed = as_user("policy").post("/processes", files=files)
    assert deployed.status_code == 422
    assert [p["code"] for p in deployed.json()["problems"]] == ["form-json"]


def test_validate_of_a_compatible_change_is_valid(as_user: AsUser) -> None:
    files = upload(form_with_optional_field())
    response = as_user("policy").post("/processes/validate", files=files)
    assert response.status_code == 200
    body = response.json()
    assert (body["valid"], body["files"], body["errors"]) == (
        True,
        ["referral_accept.schema.json"],
        [],
    )
    # The form's free-text fields have no maxLength of their own: a warning, no error.
    assert [w["code"] for w in body["warnings"]] == ["form-text-length"]


def test_validate_refuses_a_file_of_unknown_kind(as_user: AsUser) -> None:
    files = upload(SourceFile("notes.txt", b"x"), form_with_optional_field())
    response = as_user("policy").post("/processes/validate", files=files)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    assert [p["file"] for p in response.json()["problems"]] == ["notes.txt"]


def test_deploy_of_invalid_files_is_422_listing_problems_and_queues_nothing(
    as_user: AsUser,
) -> None:
    response = as_user("policy").post("/processes", files=upload(fixture("gateways.bpmn")))
    assert response.status_code == 422
    assert response.json()["title"] == "Invalid diagram"
    assert {p["file"] for p in response.json()["problems"]} == {"gateways.bpmn"}
    assert versions(as_user("policy"), "referral") == [(1, 0)]
    assert as_user("policy").get("/processes/deployments").json()["data"] == []


def test_deploy_is_for_policy_staff_only(as_user: AsUser) -> None:
    response = as_user("reviewer").post("/processes", files=upload(form_with_optional_field()))
    assert response.status_code == 403
    assert versions(as_user("policy"), "referral") == [(1, 0)]


def test_deploy_queues_a_job_at_its_location_and_its_state_follows_the_runner(
    as_user: AsUser, api_engine: Engine
) -> None:
    policy = as_user("policy")
    response = policy.post(
        "/processes", files=upload(form_with_optional_field()), data={"note": "a note field"}
    )
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["location"] == f"/api/v1/processes/deployments/{job['id']}"
    assert (job["state"], job["requested_by"], job["note"], job["report"]) == (
        "queued",
        "policy",
        "a note field",
        None,
    )
    assert job["files"] == ["referral_accept.schema.json"]
    assert versions(policy, "referral") == [(1, 0)]  # nothing deployed on the request thread
    held = api_engine.claim_deployment("runner")
    assert held is not None
    running = as_user("reviewer").get(f"/processes/deployments/{job['id']}").json()
    assert (running["state"], running["attempts"]) == ("running", 1)
    assert running["started_at"] is not None and running["finished_at"] is None
    api_engine.run_claimed(held, gate=SkipScenarios("checked by hand"))
    done = policy.get(f"/processes/deployments/{job['id']}").json()
    assert done["state"] == "succeeded" and done["finished_at"] is not None
    report = done["report"]
    assert report["created"] is True and report["error"] is None
    assert {(v["process_id"], v["version"]) for v in report["versions"]} == {
        ("nrm_case", 2),
        ("referral", 2),
    }
    assert report["gate"]["skipped"] == "checked by hand"
    assert done["deployment_id"] == report["deployment_id"]
    assert versions(policy, "referral") == [(2, 0), (1, 0)]
    listed = policy.get("/processes/deployments").json()["data"]
    assert [j["id"] for j in listed] == [job["id"]]


def test_deployment_jobs_are_for_policy_staff_and_reviewers(as_user: AsUser) -> None:
    job = as_user("policy").post("/processes", files=upload(form_with_optional_field())).json()
    assert as_user("police").get(f"/processes/deployments/{job['id']}").status_code == 403
    assert as_user("police").get("/processes/deployments").status_code == 403
    missing = as_user("reviewer").get("/processes/deployments/999")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM_JSON


@pytest.mark.gate
def test_deploy_job_of_a_version_that_breaks_a_scenario_fails_naming_it(
    as_user: AsUser, api_engine: Engine
) -> None:
    # One-scenario features sent along keep the run short (the repository's own
    # referral.feature fails the same way: tests/engine/test_scenario_gate.py).
    files = upload(renamed_accept_task(), *short_features())
    response = as_user("policy").post("/processes", files=files)
    assert response.status_code == 202, response.text
    assert response.json()["files"] == ["nrm_case.feature", "referral.bpmn", "referral.feature"]
    done = api_engine.run_next_deployment("runner")
    assert done is not None
    body = as_user("policy").get(response.headers["location"].removeprefix(API)).json()
    assert body["state"] == "failed"
    error = body["report"]["error"]
    assert (error["status"], error["title"]) == (422, "Scenarios failed")
    gate = body["report"]["gate"]
    assert gate["processes"] == ["nrm_case", "referral"]
    assert gate["features"] == ["nrm_case.feature", "referral.feature"]
    assert gate["scenarios_run"] == 2
    [failed] = gate["failed"]
    assert failed["feature"] == "referral.feature"
    assert failed["scenario"] == "the chosen shelter gets the referral to accept or decline"
    assert failed["step"] == 'Then the NGO has a task "Accept or decline referral"'
    assert "Decide on the referral" in failed["error"]
    assert versions(as_user("policy"), "referral") == [(1, 0)]
    with Session(api_engine.db) as session:
        assert session.exec(select(AuditEvent.action)).all() == []


@pytest.mark.gate
def test_deploy_of_a_good_version_goes_live_while_a_running_case_finishes_on_the_old(
    as_user: AsUser, api_engine: Engine
) -> None:
    police, ngo, policy = as_user("police"), as_user("ngo"), as_user("policy")
    old = police.post("/cases", json={"process_id": "referral", "data": REFERRAL}).json()["case"]
    work(police, api_engine, old["id"], "Compile the referral", COMPILE)
    # The one-scenario features sent along keep the gate short: the whole suite on a
    # compatible change is the scenarios' own run (tests/features).
    response = policy.post(
        "/processes",
        files=upload(form_with_optional_field(), *short_features()),
        data={"note": "accept note"},
    )
    assert response.status_code == 202, response.text
    api_engine.run_next_deployment("runner")
    body = policy.get(f"/processes/deployments/{response.json()['id']}").json()
    assert body["state"] == "succeeded", body["report"]
    report = body["report"]
    assert {(v["process_id"], v["version"]) for v in report["versions"]} == {
        ("nrm_case", 2),
        ("referral", 2),
    }
    assert report["gate"]["passed"] and report["gate"]["scenarios_run"] == 2
    assert versions(policy, "referral") == [(2, 0), (1, 1)]
    [accept] = api_engine.case_tasks(old["id"])
    form = ngo.get(f"/tasks/{accept.id}").json()["form_schema"]
    assert "referral_accept_note" not in form["properties"]  # the case keeps version 1's form
    accepted = {"referral_decision": "accepted"}
    work(ngo, api_engine, old["id"], "Accept or decline referral", accepted)
    work(ngo, api_engine, old["id"], "Provide first assistance", {})
    finished = police.get(f"/cases/{old['id']}").json()
    assert (finished["status"], finished["process_version"]) == ("completed", 1)
    new = police.post("/cases", json={"process_id": "referral", "data": REFERRAL}).json()["case"]
    assert new["process_version"] == 2
    with Session(api_engine.db) as session:
        [event] = session.exec(select(AuditEvent).where(AuditEvent.action == "process.deployed"))
    assert event.actor == "policy" and event.detail["note"] == "accept note"
    assert event.detail["gate"]["passed"] is True


def test_deploy_of_the_deployed_files_changes_nothing(as_user: AsUser, api_engine: Engine) -> None:
    [form] = [f for f in api_engine.candidate([]) if f.name == "referral_accept.schema.json"]
    response = as_user("policy").post("/processes", files=upload(form))
    assert response.status_code == 202
    api_engine.run_next_deployment("runner")
    body = as_user("policy").get(f"/processes/deployments/{response.json()['id']}").json()
    assert body["state"] == "succeeded"
    assert body["report"]["created"] is False and body["report"]["versions"] == []
