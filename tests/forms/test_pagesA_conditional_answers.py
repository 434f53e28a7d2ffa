"""Answers to questions a form asks only on a condition are dropped when the condition is
not met (page review F-H): a decline reason beside "accept" is not kept, whether sent by
the page or the API (both through api/services). A citizenship beside "unknown" is refused
instead: the form rules on it (pages review 3, P3-3)."""

from __future__ import annotations

from typing import Any

from api.services.tasks import unmet_answers
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.api.conftest import PASSWORD
from tests.forms.conftest import REPORT, Browser, OpenBrowser, report_case
from tests.forms.driving import drive_until

ACCEPT = "referral_accept.schema.json"


def _token(user: Browser, username: str) -> dict[str, str]:
    response = user.client.post(
        "/api/v1/auth/token", data={"username": username, "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def test_the_page_does_not_keep_a_decline_reason_beside_accept(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    task = drive_until(web_engine, clock, case_id, ACCEPT)
    ngo = browser("ngo")
    sent = ngo.post(
        f"/tasks/{task.id}",
        {
            "action": "submit",
            "referral_decision": "accepted",
            "referral_decline_reason": "no_capacity",  # picked first, then she changed her mind
            "referral_caseworker": "Staff member",
        },
    )
    assert sent.status_code == 303, sent.text
    data = web_engine.get_case(case_id).data
    assert data["referral_decision"] == "accepted"
    assert "referral_decline_reason" not in data
    told = ngo.get("/inbox").text  # the flash names what was not kept
    assert "Не сохранены ответы на вопросы, которые нужны только при другом ответе:" in told
    assert "«Причина отказа»" in told
    page = ngo.get(f"/cases/{case_id}").text
    assert "Нет свободных мест" not in page
    assert "Причина отказа" not in page


def test_the_api_does_not_keep_it_either_and_keeps_it_with_decline(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    user = browser(None)
    headers = _token(user, "ngo")
    answers: dict[str, Any] = {
        "referral_decision": "accepted",
        "referral_decline_reason": "safety",
    }
    case_id = report_case(web_engine).case.id
    task = drive_until(web_engine, clock, case_id, ACCEPT)
    done = user.client.post(
        f"/api/v1/tasks/{task.id}/complete", json={"data": answers}, headers=headers
    )
    assert done.status_code == 200, done.text
    assert "referral_decline_reason" not in web_engine.get_case(case_id).data
    other = report_case(web_engine, pseudonym="Bermet").case.id
    task = drive_until(web_engine, clock, other, ACCEPT)
    declined = {**answers, "referral_decision": "declined"}
    done = user.client.post(
        f"/api/v1/tasks/{task.id}/complete", json={"data": declined}, headers=headers
    )
    assert done.status_code == 200, done.text
    assert web_engine.get_case(other).data["referral_decline_reason"] == "safety"


def test_a_report_refuses_a_citizenship_beside_citizenship_unknown(browser: OpenBrowser) -> None:
    """Pages review 3, P3-3: dropping the country unseen lost an answer; it is refused,
    naming "is the citizenship known?" beside it."""
    user = browser(None)
    report = {**REPORT, "citizenship_status": "unknown", "citizenship": "KG"}
    made = user.client.post(
        "/api/v1/cases",
        json={"process_id": "nrm_case", "data": report},
        headers=_token(user, "ngo"),
    )
    assert made.status_code == 422, made.text
    assert "citizenship" in made.text and "citizenship_status" in made.text


def test_a_condition_on_a_field_the_case_sets_reads_the_case() -> None:
    schema = {
        "properties": {
            "child": {"type": "boolean", "readOnly": True},
            "views": {"type": "string"},
            "note": {"type": "string"},
        },
        "required": [],
        "allOf": [
            {
                "if": {"properties": {"child": {"const": True}}, "required": ["child"]},
                "then": {"required": ["views"]},
            }
        ],
    }
    sent = {"views": "wants to go home", "note": "kept"}
    assert unmet_answers(schema, sent, lambda: {"child": True}) == []
    assert unmet_answers(schema, sent, lambda: {"child": False}) == ["views"]
    assert unmet_answers({"properties": {}}, sent, dict) == []
