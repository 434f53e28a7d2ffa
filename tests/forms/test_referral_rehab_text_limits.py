"""Every free-text field of the referral's and the rehabilitation's forms has the length it
needs (a name 200, a note 2000; docs/diagram-conventions.md), not the 10,000-character default
that `nrm validate` warns about (`form-text-length`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.validation.textlimits import unbounded_fields

FORMS = Path(__file__).resolve().parents[2] / "forms" / "schemas"
OWN = sorted(
    p.name
    for pattern in ("referral_*.schema.json", "rehabilitation_*.schema.json")
    for p in FORMS.glob(pattern)
    if p.name != "rehabilitation_review.schema.json"  # the case-help review's, not SOP 3's
)


@pytest.mark.parametrize("form", OWN)
def test_every_text_field_has_its_own_length_limit(form: str) -> None:
    assert unbounded_fields(json.loads((FORMS / form).read_text("utf-8"))) == []


def test_a_name_is_short_and_a_note_long() -> None:
    schema = json.loads((FORMS / "referral_accept.schema.json").read_text("utf-8"))
    fields = schema["properties"]
    assert fields["referral_caseworker"]["maxLength"] == 200
    assert fields["referral_decline_note"]["maxLength"] == 2000
