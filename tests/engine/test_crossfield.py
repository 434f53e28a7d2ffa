"""Rules between form fields (engine/crossfield.py) on the project's own forms: each
refusal names the field and the other fields it is about; validation refuses rules that
name what a form cannot check."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from engine import codes, crossfield
from engine.errors import FieldError
from engine.forms import field_errors
from engine.sources import SourceFile
from engine.validation.forms import load_form
from forms.fielderrors import localise
from forms.translate import Translator
from tests.forms.conftest import CONSENT, REPORT

FORMS = Path(__file__).resolve().parents[2] / "forms" / "schemas"
TODAY = date(2026, 1, 5)


def form(name: str) -> dict[str, Any]:
    """One of the project's forms."""
    schema: dict[str, Any] = json.loads((FORMS / f"{name}.schema.json").read_text("utf-8"))
    return schema


def errors(name: str, data: dict[str, Any], known: dict[str, Any] | None = None) -> list[Any]:
    """(field, code, related) of each refusal of the data by a project form."""
    found = field_errors(form(name), data, form=name, known=known, today=TODAY)
    return [(e.field, e.code, e.related) for e in found]


def test_report_refuses_a_detection_date_in_the_future() -> None:
    assert errors("case_report", {**REPORT, "detection_date": "2030-01-05"}) == [
        ("detection_date", "x-not-future", ())
    ]


def test_report_refuses_an_exploitation_that_ends_before_it_starts() -> None:
    data = {
        **REPORT,
        "exploitation_period_from": "2025-06-01",
        "exploitation_period_to": "2025-05-01",
    }
    assert errors("case_report", data) == [
        ("exploitation_period_to", "x-not-before", ("exploitation_period_from",))
    ]


def test_report_refuses_a_birth_after_the_detection() -> None:
    data = {**REPORT, "date_of_birth": "2026-01-04", "detection_date": "2026-01-03"}
    assert errors("case_report", data) == [("date_of_birth", "x-not-after", ("detection_date",))]


def test_report_refuses_a_country_typed_by_name_and_keeps_codes() -> None:
    assert errors("case_report", {**REPORT, "citizenship": "Россия"}) == [
        ("citizenship", "x-codes", ())
    ]
    assert errors("case_report", {**REPORT, "language": "Uzbek"}) == [("language", "x-codes", ())]
    assert errors("case_report", {**REPORT, "citizenship": "UZ", "language": "uz"}) == []


def test_closure_before_detection_is_refused_with_the_case_data() -> None:
    data = {"closure_date": "2026-01-01", "closure_summary": "Done", "closure_person_told": True}
    assert errors("case_closure", data, known={"detection_date": "2026-01-05"}) == [
        ("closure_date", "x-not-before", ("detection_date",))
    ]
    assert errors("case_closure", data, known={"detection_date": "2025-12-30"}) == []
    assert crossfield.outside_fields(form("case_closure")) == {"detection_date"}


def test_consent_given_while_not_informed_names_the_answer_it_contradicts() -> None:
    data = {**CONSENT, "consent_informed": False}
    assert errors("identification_consent", data) == [
        ("consent_informed", "const", ("consent_referral",)),
        ("consent_informed", "const", ("consent_police_report",)),
    ]
    # A refusal must be informed too (review 2: an adult who says no is told first).
    refused = {**data, "consent_referral": False, "consent_police_report": False}
    # ... and asks what help she still accepts (issue 16: refusing referral is not refusing help)
    assert errors("identification_consent", refused) == [
        ("consent_refusal_wants_help", "required", ("consent_referral",)),
        ("consent_informed", "const", ("consent_referral",)),
    ]
    answered = {**refused, "consent_informed": True, "consent_refusal_wants_help": False}
    assert errors("identification_consent", answered) == []
    assert errors("identification_consent", {**answered, "consent_refusal_wants_help": True}) == [
        ("consent_help_continuing", "required", ("consent_refusal_wants_help",)),
    ]


def test_no_evidence_cannot_be_chosen_with_an_id_card() -> None:
    schema = form("repatriation_consular_interview")
    found = crossfield.rule_errors(
        schema, {"return_citizenship_evidence": ["kg_id_card", "none"]}, known={}, today=TODAY
    )
    assert found == [
        FieldError(
            "return_citizenship_evidence",
            "'none' cannot be chosen with kg_id_card.",
            "x-exclusive",
            related=("none", "kg_id_card"),
        )
    ]
    alone = {"return_citizenship_evidence": ["none"]}
    assert crossfield.rule_errors(schema, alone, known={}, today=TODAY) == []


def test_a_conditionally_required_field_names_its_condition() -> None:
    data = {"compensation_claimed": True}
    found = errors("proceedings_compensation", data)
    assert ("compensation_kind", "required", ("compensation_claimed",)) in found


def test_a_plan_needs_a_provider_only_for_the_services_it_plans() -> None:
    plan = {
        "rehab_plan_goals": "Safe housing, health, work",
        "rehab_services_planned": ["shelter", "psychological", "employment"],
        "rehab_plan_person_agreed": True,
        "rehab_plan_date": "2026-01-05",
        "rehab_provider_shelter": "ngo",
        "rehab_provider_psychological": "ngo",
    }
    found = errors("rehabilitation_draft_plan", plan)
    assert [(f, c) for f, c, _related in found] == [("rehab_provider_employment", "required")]
    complete = {**plan, "rehab_provider_employment": "social"}
    assert errors("rehabilitation_draft_plan", complete) == []


TRIP = {
    "return_travel_departure_date": "2026-01-05",
    "return_travel_mode": "air",
    "return_travel_escort_provided": True,
    "return_travel_escort_by": "iom",
    "return_travel_arrival_at": "2026-01-15T09:00",
}
HANDOVER = {"child_handover_place": "Osh airport, arrivals", "child_handover_date": "2026-01-15"}


def test_a_childs_trip_lands_where_child_protection_arranged_the_handover() -> None:
    # pages review 4, P4-2: not another airport than the hand-over; spaces and case aside
    trip = {**TRIP, "return_travel_arrival_point": "Manas airport"}
    assert errors("repatriation_travel_and_escort", trip, known=HANDOVER) == [
        ("return_travel_arrival_point", "x-same-as", ("child_handover_place",))
    ]
    same = {**TRIP, "return_travel_arrival_point": " osh airport,  Arrivals"}
    assert errors("repatriation_travel_and_escort", same, known=HANDOVER) == []
    # no hand-over arranged (an adult): any place
    assert errors("repatriation_travel_and_escort", trip) == []


def test_the_guardian_appointed_instead_of_a_suspect_is_not_the_suspect() -> None:
    # pages review 4, P4-1: the suspect's name typed as the new guardian is refused
    appointed = {
        "child_new_guardian_name": "Talant  Abdykadyrov",
        "child_new_guardian_relation": "relative",
        "child_new_guardian_date": "2026-01-03",
        "child_suspect_kept_away": True,
        "child_suspicion_told_police": True,
    }
    known = {"child_guardian_name": "talant abdykadyrov"}
    assert errors("repatriation_child_guardian", appointed, known=known) == [
        ("child_new_guardian_name", "x-differs-from", ("child_guardian_name",))
    ]
    other = {**appointed, "child_new_guardian_name": "Gulzat Abdykadyrova"}
    assert errors("repatriation_child_guardian", other, known=known) == []


@pytest.mark.parametrize(
    ("prop", "problem"),
    [
        ({"type": "string", "x-not-future": True}, "x-not-future needs a date field"),
        ({"type": "string", "format": "date", "x-not-before": ["nowhere"]}, "'nowhere'"),
        ({"type": "array", "items": {"enum": ["a"]}, "x-exclusive": ["b"]}, "'b'"),
        ({"type": "string", "x-codes": "planet"}, "x-codes needs"),
        ({"type": "string", "format": "date", "x-same-as": ["f"]}, "x-same-as needs a text"),
        ({"type": "string", "x-differs-from": ["nowhere"]}, "'nowhere'"),
    ],
)
def test_validation_refuses_a_rule_the_form_cannot_check(prop: Any, problem: str) -> None:
    text = json.dumps({"type": "object", "properties": {"f": prop}})
    schema, problems = load_form(SourceFile("x.schema.json", text.encode()))
    assert schema is None
    assert [p.code for p in problems] == ["form-rule"]
    assert problem in problems[0].message


def test_every_project_form_passes_its_rules_check() -> None:
    for path in sorted(FORMS.glob("*.schema.json")):
        assert list(crossfield.rule_problems(json.loads(path.read_text("utf-8")))) == [], path


def test_country_and_language_names_come_in_the_page_language() -> None:
    assert codes.name("country", "ru", "RU") == "Россия"
    assert codes.name("country", "ky", "KG") == "Кыргызстан"
    assert codes.name("language", "en", "ky") == "Kyrgyz"
    assert codes.name("country", "en", "EU") is None
    assert "ZZ" not in codes.codes("country") and "KG" in codes.codes("country")


def test_a_text_rule_is_worded_with_the_field_it_compares_with() -> None:
    trip = {**TRIP, "return_travel_arrival_point": "Manas airport"}
    schema = form("repatriation_travel_and_escort")
    found = field_errors(schema, trip, form="t", known=HANDOVER, today=TODAY)
    per_field, _general = localise(Translator("ru"), schema, found, trip)
    said = per_field["return_travel_arrival_point"]
    assert said.startswith("Должно совпадать с «") and "(показано выше)" in said


def test_at_home_the_guardian_registered_is_not_the_suspect_recorded_abroad() -> None:
    # pages review 5, P5-3: child protection at home typed the suspected father as guardian
    registered = {
        "child_notification_date": "2026-01-05",
        "child_protection_officer": "Inspector, Osh",
        "child_guardian_name": "Talant Abdykadyrov",
    }
    known = {"child_guardian_suspected_name": "Talant Abdykadyrov"}
    found = errors("identification_child_notification", registered, known=known)
    assert ("child_guardian_name", "x-differs-from", ("child_guardian_suspected_name",)) in found
    grandmother = {**registered, "child_guardian_name": "Gulzat Abdykadyrova"}
    found = errors("identification_child_notification", grandmother, known=known)
    assert [f for f in found if f[0] == "child_guardian_name"] == []


def test_a_child_is_not_recorded_as_received_before_arriving() -> None:
    # pages review 5, P5-12: «received at home» dated on the planned hand-over, a week ahead
    later = (TODAY + timedelta(days=7)).isoformat()
    found = errors("repatriation_child_reception", {"return_arrival_date": later})
    assert [f for f in found if f[0] == "return_arrival_date"] == [
        ("return_arrival_date", "x-not-future", ())
    ]
    found = errors("repatriation_child_reception", {"return_arrival_date": TODAY.isoformat()})
    assert [f for f in found if f[0] == "return_arrival_date"] == []
