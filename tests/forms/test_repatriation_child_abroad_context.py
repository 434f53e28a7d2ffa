"""Pages review P3-8 (issue 18): child protection, responsible for a child abroad, sees on
"Protect the child abroad and appoint a guardian" where the consular service placed the child,
with whom and how it keeps in touch, instead of phoning the consulate or guessing."""

from __future__ import annotations

from forms import fieldlabels
from forms.translate import Translator
from forms.web.casedata import context_rows
from tests.forms.schemas import all_schemas

# what the consular service recorded in "Arrange immediate safety and shelter abroad"
SAFETY = {
    "pseudonym": "Timur-15",
    "presumed_child": True,
    "abroad_safe_place": "partner_shelter",
    "abroad_safety_partner": "iom",
    "abroad_safety_partner_name": "IOM Moscow, +7 495 000 00 00",
    "abroad_safety_date": "2026-01-05",
    "abroad_contact_agreed": "through IOM, daily",
}


def test_child_protection_sees_where_the_consulate_placed_the_child() -> None:
    forms = all_schemas()
    form = forms["repatriation_child_abroad.schema.json"]
    rows = context_rows(Translator("en"), fieldlabels.field_index(forms), form, SAFETY)
    shown = {label: value for label, value, _ in rows}
    assert shown["Where the person stays while the consular steps run"] != ""
    assert shown["Organisation and contact"] == "IOM Moscow, +7 495 000 00 00"
    assert shown["How the consular service keeps in touch with the person"] == "through IOM, daily"
    assert "Who provides it" in shown
