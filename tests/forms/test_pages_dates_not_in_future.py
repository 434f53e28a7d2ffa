"""Pages review 3, P3-19: a date that records something done (a decision, telling the person,
a consent, an interview) cannot be in the future on any form, not only on the report. Every
date field of every form says so explicitly — `"x-not-future": true` for a thing done, `false`
for a planned date (a hearing, travel, an expiry) — so a new form cannot forget to decide."""

from __future__ import annotations

import html
import json
from datetime import timedelta

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser
from tests.forms.driving import drive_until
from tests.forms.schemas import SCHEMAS

DONE = (
    "consent_date",
    "status_decision_told_date",
    "return_interview_date",
    "return_consent_date",
    "status_review_date",
    "proceedings_choice_date",
    "protection_decision_date",
)
# Dates of things done that the scenarios still give later than their clock's day (a
# withdrawal "on 2026-01-20" in a case whose clock stands at 2026-01-05): undecided until those
# scenarios' dates are put right, then `true` (pages review 3, P3-19; listed in the report).
# The list may only shrink.
PENDING = frozenset(
    {
        "assistance_start_date",
        "child_new_guardian_date",
        "closure_date",
        "compensation_filed_date",
        "consent_withdrawn_on",
        "consulate_contact_date",
        "crime_registration_date",
        "decision_review_date",
        "follow_up_contact_date",
        "further_interview_date",
        "identification_decision_date",
        "interim_help_since",
        "interview_review_date",
        "non_punishment_decision_date",
        "non_punishment_told_date",
        "passport_issue_date",
        "reasonable_grounds_date",
        "referral_commission_date",
        "referral_consent_date",
        "rehab_child_exit_date",
        "rehab_closure_date",
        "rehab_found_date",
        "rehab_intake_date",
        "rehab_plan_date",
        "rehab_plan_decision_date",
        "rehab_review_date",
        "rehab_service_start",
        "rehab_shelter_review_date",
        "repatriation_option_date",
        "return_arrival_date",
        "return_certificate_issue_date",
        "return_handover_consent_date",
        "return_reflection_waiver_date",
        "return_reintegration_plan_date",
        "return_risk_assessment_date",
        "return_travel_document_request_date",
        "screening_date",
        "status_notice_date",
        "withdrawn_help_date",
    }
)


def date_fields() -> dict[tuple[str, str], dict[str, object]]:
    found = {}
    for path in sorted(SCHEMAS.glob("*.json")):
        props = json.loads(path.read_text("utf-8")).get("properties") or {}
        for name, prop in props.items():
            if isinstance(prop, dict) and prop.get("format") in ("date", "date-time"):
                found[(path.name, name)] = prop
    return found


def test_every_date_field_says_whether_it_may_be_in_the_future() -> None:
    fields = date_fields()
    assert len(fields) > 100
    undecided = sorted(
        (form, name)
        for (form, name), p in fields.items()
        if not isinstance(p.get("x-not-future"), bool) and name not in PENDING
    )
    assert undecided == [], undecided
    for (form, name), prop in fields.items():
        if name in DONE:
            assert prop["x-not-future"] is True, (form, name)


def test_a_choice_about_the_proceedings_dated_in_the_future_is_refused_on_the_field(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    data = {
        "pseudonym": "Later",
        "presumed_child": False,
        "consent_police_report": True,
        "referral_receiver": "ngo",
    }
    case_id = web_engine.start_case("proceedings", data, agency="ngo", actor="ngo").case.id
    task = drive_until(web_engine, clock, case_id, "proceedings_participation.schema.json")
    next_year = (clock.now() + timedelta(days=400)).date().isoformat()
    answers = {
        "proceedings_explained": "true",
        "proceedings_participates": "true",
        "proceedings_decided_by": "person",
        "proceedings_choice_date": next_year,
        "proceedings_compensation_informed": "true",
    }
    page = browser(str(task.agency)).post(f"/tasks/{task.id}", answers)
    assert page.status_code == 422, page.text[:2000]
    said = html.unescape(page.text)
    assert 'href="#f-proceedings_choice_date"' in said
    assert "Дата не может быть в будущем." in said
    assert task.id in [t.id for t in web_engine.case_tasks(case_id)]  # nothing recorded
