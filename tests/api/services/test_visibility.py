"""Confidentiality: need-to-know projection, identity fields only where the brief allows,
and an access record for every response that contains one."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlmodel import Session

from api.models import AccessRecord
from api.services.visibility import may_see_personal, project, serving_agencies
from engine.facade import Engine
from tests.api.conftest import PERSONAL_VALUES, REPORT, Actor, AsUser, complete, only, start_case

PERSONAL = {"full_name", "date_of_birth", "phone", "document_number", "travel_document_number"}
IDENTIFY = {
    "identification_result": "presumed_victim",
    "referral_receiver": "ngo",
    "document_number": "AN-778899",
}
SECRET_VALUES = (*PERSONAL_VALUES, "AN-778899", "TD-445566")


def leaks(response: httpx.Response) -> list[str]:
    """Personal field names or values anywhere in a response."""
    text = response.text
    return [s for s in (*PERSONAL, *SECRET_VALUES) if s in text]


def identified_case(as_user: AsUser, reporter: str = "border", **report: Any) -> dict[str, Any]:
    case = start_case(as_user(reporter), **report)["case"]
    task = only(case["open_tasks"], "Identify the person")
    response = complete(as_user("police"), task["id"], IDENTIFY)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def ngo_reads(ngo: Actor, case_id: str) -> list[httpx.Response]:
    shelter = only(ngo.get("/tasks").json()["data"], "Provide shelter")
    return [
        ngo.get("/cases"),
        ngo.get(f"/cases/{case_id}"),
        ngo.get("/tasks"),
        ngo.get(f"/tasks/{shelter['id']}"),
        ngo.get(f"/cases/{case_id}/history"),
        complete(ngo, shelter["id"], {"shelter_note": "bed 4", "shelter_days": 10}),
        ngo.get(f"/cases/{case_id}"),  # after its task: no longer serving
    ]


def test_ngo_caseworker_never_receives_undeclared_identity_fields(as_user: AsUser) -> None:
    case_id = identified_case(as_user)["case"]["id"]
    responses = ngo_reads(as_user("ngo"), case_id)
    assert [r.status_code for r in responses] == [200] * len(responses)
    assert [leaks(r) for r in responses] == [[]] * len(responses)
    data = responses[-1].json()["data"]
    assert data["shelter_note"] == "bed 4" and data["pseudonym"] == "Aigul"
    assert "intake_note" not in data  # the reporter's free text: not in the NGO's forms


def test_reporting_agency_sees_its_report_without_identity_block(as_user: AsUser) -> None:
    case_id = identified_case(as_user)["case"]["id"]
    data = as_user("border").get(f"/cases/{case_id}").json()["data"]
    assert data["intake_note"] == REPORT["intake_note"]
    assert not PERSONAL & set(data)
    assert "identification_result" not in data  # police's form, not border's


def test_rapporteur_never_receives_case_data(as_user: AsUser) -> None:
    body = identified_case(as_user)
    case_id, task_id = body["case"]["id"], body["opened"][0]["id"]
    rapporteur = as_user("rapporteur")
    responses = [
        rapporteur.get("/cases"),
        rapporteur.get(f"/cases/{case_id}"),
        rapporteur.get(f"/cases/{case_id}/history"),
        rapporteur.get(f"/cases/{case_id}/access-log"),
        rapporteur.get("/tasks"),
        rapporteur.get(f"/tasks/{task_id}"),
        complete(rapporteur, task_id, {}),
    ]
    assert {r.status_code for r in responses} == {403}
    assert all("Aigul" not in r.text and not leaks(r) for r in responses)


def test_identifying_authority_receives_identity_and_each_response_is_recorded(
    as_user: AsUser, api_engine: Engine
) -> None:
    case_id = identified_case(as_user)["case"]["id"]
    police = as_user("police")
    data = police.get(f"/cases/{case_id}").json()["data"]
    assert data["full_name"] == REPORT["full_name"]
    assert data["document_number"] == "AN-778899"
    assert "phone" not in data  # personal, but no police form declares it
    with Session(api_engine.db) as session:
        records = session.execute(select(AccessRecord).order_by(AccessRecord.id)).scalars().all()
    assert [(r.username, r.endpoint, r.fields) for r in records] == [
        ("police", "POST /tasks/{id}/complete", ["date_of_birth", "document_number", "full_name"]),
        ("police", "GET /cases/{id}", ["date_of_birth", "document_number", "full_name"]),
    ]
    assert all(r.case_id == case_id and r.agency == "police" for r in records)


def test_identifying_authority_gets_no_identity_when_the_adult_refused_a_police_report(
    as_user: AsUser,
) -> None:
    case_id = identified_case(as_user, consent_police_report=False)["case"]["id"]
    police = as_user("police")
    response = police.get(f"/cases/{case_id}")
    assert response.status_code == 200
    assert response.json()["data"]["pseudonym"] == "Aigul"
    assert not leaks(response)


def test_identifying_authority_reads_its_open_decision_task_pseudonymised_without_consent(
    as_user: AsUser,
) -> None:
    case = start_case(as_user("border"), consent_police_report=False)["case"]
    task = only(case["open_tasks"], "Identify the person")
    police = as_user("police")
    detail, case_read = police.get(f"/tasks/{task['id']}"), police.get(f"/cases/{case['id']}")
    assert (detail.status_code, case_read.status_code) == (200, 200)
    # the form names its context fields; their values are not sent
    assert detail.json()["data"] == {
        "pseudonym": "Aigul",
        "age": 24,
        "intake_note": REPORT["intake_note"],
    }
    assert not [v for v in SECRET_VALUES if v in detail.text]
    assert not leaks(case_read)


def test_consular_receives_identity_and_travel_data_only(as_user: AsUser) -> None:
    case_id = identified_case(as_user)["case"]["id"]
    ngo = as_user("ngo")
    shelter = only(ngo.get("/tasks").json()["data"], "Provide shelter")
    complete(ngo, shelter["id"], {"shelter_note": "bed 4"})
    consular = as_user("consular")
    travel = only(consular.get("/tasks").json()["data"], "Issue travel document")
    detail = consular.get(f"/tasks/{travel['id']}").json()
    assert detail["data"] == {
        "pseudonym": "Aigul",
        "full_name": REPORT["full_name"],
        "date_of_birth": REPORT["date_of_birth"],
        "document_number": "AN-778899",
    }
    done = complete(consular, travel["id"], {"travel_document_number": "TD-445566"}).json()
    assert done["case"]["data"]["travel_document_number"] == "TD-445566"
    assert "shelter_note" not in done["case"]["data"] and "intake_note" not in done["case"]["data"]
    log = as_user("consular_supervisor").get(f"/cases/{case_id}/access-log").json()["data"]
    assert [r["username"] for r in log if r["agency"] == "consular"] == ["consular", "consular"]


def test_agency_with_no_part_gets_403_and_no_data(as_user: AsUser) -> None:
    case_id = identified_case(as_user)["case"]["id"]
    response = as_user("social").get(f"/cases/{case_id}")
    assert response.status_code == 403
    assert not leaks(response) and "Aigul" not in response.text


def test_logs_never_contain_field_values(as_user: AsUser, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        case_id = identified_case(as_user)["case"]["id"]
        ngo_reads(as_user("ngo"), case_id)
        as_user("police").get(f"/cases/{case_id}")
        complete(as_user("police"), "nope", {"full_name": "Asel Toktogulova"})
    assert not [v for v in SECRET_VALUES if v in caplog.text]


def test_project_keeps_declared_fields_and_gates_personal_ones() -> None:
    data = {"pseudonym": "A", "full_name": "B", "note": "C", "other": "D"}
    fields = {"pseudonym", "full_name", "note"}
    personal = frozenset({"full_name"})
    shown = project(data, fields=fields, personal=personal, personal_allowed=True)
    assert shown.data == {"pseudonym": "A", "full_name": "B", "note": "C"}
    assert shown.personal == ["full_name"]
    hidden = project(data, fields=fields, personal=personal, personal_allowed=False)
    assert hidden.data == {"pseudonym": "A", "note": "C"} and hidden.personal == []


@pytest.mark.parametrize(
    ("agency", "allowed"),
    [("police", True), ("consular", True), ("ngo", True), ("social", True), ("border", False)],
)
def test_may_see_personal_follows_the_brief(agency: str, allowed: bool) -> None:
    assert (
        may_see_personal(
            agency=agency,
            data={
                "referral_receiver": "ngo",
                "referral_consent_receivers": ["ngo"],
                "consent_police_report": True,
            },
            serving={"social"},
            params={"identifying_authority": "police"},
        )
        is allowed
    )


@pytest.mark.parametrize(
    ("data", "allowed"),
    [
        ({"referral_receiver": "ngo"}, False),  # named, she is being asked about it
        ({"referral_receiver": "ngo", "referral_consent_receivers": ["social"]}, False),
        ({"referral_receiver": "ngo", "referral_consent_receivers": ["none"]}, False),
        ({"referral_receiver": "ngo", "referral_decision": "declined"}, False),
        ({"referral_receiver": "ngo", "referral_consent_receivers": ["social", "ngo"]}, True),
        ({"referral_receiver": "ngo", "referral_decision": "accepted"}, True),
        ({"referral_receiver": "child_protection", "presumed_child": True}, True),
        (
            {
                "referral_receiver": "ngo",
                "referral_decision": "accepted",
                "consent_withdrawn_from": ["ngo"],
            },
            False,
        ),
    ],
)
def test_the_receiver_sees_identity_only_once_she_agreed_to_it(
    data: dict[str, Any], allowed: bool
) -> None:
    receiver = str(data["referral_receiver"])
    shown = may_see_personal(
        agency=receiver, data=data, serving=set(), params={"identifying_authority": "police"}
    )
    assert shown is allowed


@pytest.mark.parametrize(
    ("data", "serving", "allowed"),
    [
        ({"consent_police_report": True}, set(), True),
        ({"consent_police_report": False}, set(), False),
        ({}, set(), False),  # not asked yet: no consent
        ({"consent_police_report": False, "presumed_child": True}, set(), True),
        ({"consent_police_report": True, "consent_police_report_withdrawn": True}, set(), False),
        ({"consent_police_report": False}, {"police"}, True),  # serving the person now
    ],
)
def test_identifying_authority_sees_identity_only_with_consent_a_child_or_serving(
    data: dict[str, Any], serving: set[str], allowed: bool
) -> None:
    shown = may_see_personal(
        agency="police", data=data, serving=serving, params={"identifying_authority": "police"}
    )
    assert shown is allowed


@dataclass
class Open:
    agency: str | None
    lane: str | None


def test_an_open_decision_or_review_task_does_not_make_its_agency_a_serving_one() -> None:
    tasks = [
        Open("police", "lane_identifying_authority"),
        Open("prosecutor", "lane_decision_reviewer"),
        Open("ngo", "lane_first_responder"),
        Open("health", None),
        Open(None, "lane_receiver"),
    ]
    assert serving_agencies(tasks) == {"ngo", "health"}
    reviewer = may_see_personal(
        agency="prosecutor",
        data={"consent_police_report": True},
        serving=serving_agencies(tasks),
        params={"identifying_authority": "police", "decision_review_authority": "prosecutor"},
    )
    assert reviewer is False


def test_an_open_police_task_does_not_show_identity_once_she_took_back_her_police_report() -> None:
    # review 4, N-11: the witness-protection task opened before the withdrawal stays open
    tasks = [Open("police", "lane_police"), Open("ngo", "lane_serving_agency")]
    assert serving_agencies(tasks) == {"ngo"}
    withdrawn = {"consent_police_report": True, "consent_police_report_withdrawn": True}
    params = {"identifying_authority": "police"}
    shown = may_see_personal(
        agency="police", data=withdrawn, serving=serving_agencies(tasks), params=params
    )
    assert shown is False
    consented = {"consent_police_report": True}
    assert may_see_personal(
        agency="police", data=consented, serving=serving_agencies(tasks), params=params
    )


@pytest.mark.parametrize(
    ("excluded", "allowed"),
    [(True, False), (False, True), (None, False)],
)
def test_the_police_keep_her_identity_after_the_withdrawal_only_when_she_said_so(
    excluded: bool | None, allowed: bool
) -> None:
    data: dict[str, Any] = {"consent_police_report": True, "consent_police_report_withdrawn": True}
    if excluded is not None:
        data["police_report_withdrawal_police_excluded"] = excluded
    # another identifying authority: the police protecting her see identity by her consent
    shown = may_see_personal(
        agency="police", data=data, serving=set(), params={"identifying_authority": "social"}
    )
    assert shown is allowed


def test_a_childs_withdrawal_never_cuts_child_protection_off() -> None:
    # review R5-6: a suspected guardian ticks child protection in the child's withdrawal
    params = {"identifying_authority": "police"}
    data: dict[str, Any] = {"presumed_child": True, "consent_withdrawn_from": ["child_protection"]}
    tasks = [Open("child_protection", "lane_child_protection")]
    serving = serving_agencies(tasks)
    assert may_see_personal(agency="child_protection", data=data, serving=serving, params=params)
    adult = {**data, "presumed_child": False}
    shown = may_see_personal(agency="child_protection", data=adult, serving=serving, params=params)
    assert not shown
    other = {**data, "consent_withdrawn_from": ["ngo"]}
    assert not may_see_personal(agency="ngo", data=other, serving={"ngo"}, params=params)
