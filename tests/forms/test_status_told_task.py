"""A confirmed status the identifying authority could not tell her of (pages review 3, P3-4):
the agency serving her gets the task to tell her, and its page shows the decision, its date
and the plan the authority recorded — not the police file."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until

DECISION = "identification_decision.schema.json"
TOLD = "identification_decision_told.schema.json"
PLAN = "The shelter's social worker tells her on Friday"
BASIS = "Indicators of forced labour at the brick kiln"


def test_the_serving_ngo_is_asked_to_tell_her_and_sees_the_plan(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    task = drive_until(web_engine, clock, case_id, DECISION)
    web_engine.complete_task(
        task.id,
        {
            "identification_decision": "confirmed",
            "identification_decision_basis": BASIS,
            "identification_decision_date": "2026-01-06",
            "identification_decision_officer": "Captain Orozbekov",
            "status_decision_person_told": False,
            "status_decision_not_told_reason": "The police do not contact her",
            "status_decision_tell_plan": PLAN,
        },
        actor="police",
        agency="police",
    )
    told = [t for t in web_engine.case_tasks(case_id) if t.form == TOLD]
    assert [t.agency for t in told] == ["ngo"]
    ngo = browser("ngo")
    ngo.post("/language", {"lang": "en", "next": "/inbox"})
    page = html.unescape(ngo.get(f"/tasks/{told[0].id}").text)
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert PLAN in text
    assert "Victim status confirmed" in text
    assert BASIS not in page
