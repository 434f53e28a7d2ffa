"""A receiver the referral names sees the person's identity only once she agreed to it
(diagrams review 3, MINOR part of the CRITICAL): while the first responder asks her about it
(referral.bpmn `task_ask_consent`) the case already names it in `referral_receiver`, and that
alone must not open the identity block to it."""

from __future__ import annotations

import pytest

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.api.conftest import Actor, AsUser, complete
from tests.forms.conftest import REPORT
from tests.forms.driving import drive_until

ASK = "referral_ask_consent.schema.json"
ACCEPT = "referral_accept.schema.json"
# The NGO's hotline heard of her abroad (its report holds her name); back home the social
# services take her on, and she agrees to share her data with them only. They name the NGO.
ABROAD = {**REPORT, "location": "abroad"}
AT_HOME = {
    "repatriation_consular_interview.schema.json": {"full_name": REPORT["full_name"]},
    "repatriation_reception.schema.json": {"return_receiving_agency": "social"},
    "referral_compile.schema.json": {
        "referral_receiver": "ngo",
        "referral_consent_receivers": ["social"],
    },
}
ASKED = {"referral_consent_date": "2026-01-06", "referral_consent_method": "written"}


@pytest.fixture
def api_engine(project_api_engine: Engine) -> Engine:
    """The project's library deployed."""
    return project_api_engine


def reads(actor: Actor, case_id: str) -> str:
    """Everything the agency reads of the case: the case, the case list, the trail."""
    texts = []
    for path in (f"/cases/{case_id}", "/cases", f"/cases/{case_id}/history"):
        response = actor.get(path)
        assert response.status_code == 200, response.text
        texts.append(response.text)
    return "\n".join(texts)


def test_a_named_receiver_sees_her_identity_only_after_she_agreed_to_it(
    as_user: AsUser, api_engine: Engine, clock: FakeClock
) -> None:
    ngo = as_user("ngo")
    started = ngo.post("/cases", json={"process_id": "nrm_case", "data": ABROAD})
    assert started.status_code == 201, started.text
    case_id = started.json()["case"]["id"]
    ask = drive_until(api_engine, clock, case_id, ASK, overrides=AT_HOME)
    assert ask.agency == "social"
    data = api_engine.get_case(case_id).data
    assert (data["referral_receiver"], data["referral_consent_receivers"]) == ("ngo", ["social"])
    assert REPORT["full_name"] not in reads(ngo, case_id)
    assert "full_name" not in ngo.get(f"/cases/{case_id}").json()["data"]
    # she agrees to the NGO: it gets the referral to accept, and her identity with it
    answered = complete(
        as_user("social"), ask.id, {**ASKED, "referral_consent_receivers": ["social", "ngo"]}
    )
    assert answered.status_code == 200, answered.text
    assert [t.agency for t in api_engine.case_tasks(case_id) if t.form == ACCEPT] == ["ngo"]
    assert ngo.get(f"/cases/{case_id}").json()["data"].get("full_name") == REPORT["full_name"]


def test_a_named_receiver_she_refused_never_sees_her_identity(
    as_user: AsUser, api_engine: Engine, clock: FakeClock
) -> None:
    ngo = as_user("ngo")
    started = ngo.post("/cases", json={"process_id": "nrm_case", "data": ABROAD})
    case_id = started.json()["case"]["id"]
    ask = drive_until(api_engine, clock, case_id, ASK, overrides=AT_HOME)
    answered = complete(
        as_user("social"), ask.id, {**ASKED, "referral_consent_receivers": ["social"]}
    )
    assert answered.status_code == 200, answered.text
    data = api_engine.get_case(case_id).data
    assert data["referral_receiver"] == "ngo"  # until the commission names another
    assert REPORT["full_name"] not in reads(ngo, case_id)
