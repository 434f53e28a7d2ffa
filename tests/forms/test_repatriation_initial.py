"""Second page review P-9 (issue 18): the consular interview starts from what the case already
knows, still to be corrected."""

from __future__ import annotations

from forms import formview
from tests.forms.schemas import load_schema


def test_the_consular_interview_starts_from_the_reported_country() -> None:
    schema = load_schema("repatriation_consular_interview.schema.json")
    assert "exploitation_country" in schema["x-context"]
    found = formview.initial_values(schema, {"exploitation_country": "RU", "location": "abroad"})
    assert found.get("return_country_of_stay") == "RU"
    corrected = {"exploitation_country": "RU", "return_country_of_stay": "KZ"}
    assert formview.initial_values(schema, corrected)["return_country_of_stay"] == "KZ"


def test_the_consular_interview_shows_the_reported_citizenship_and_promises_no_check() -> None:
    """Pages review P3-23: the reported citizenship is among the case data the interview shows,
    and the hint no longer says a verification is shown when none was made."""
    schema = load_schema("repatriation_consular_interview.schema.json")
    assert {"citizenship", "citizenship_status"} <= set(schema["x-context"])
    hint = schema["properties"]["return_citizenship_confirmed"]["description"]
    assert "A verification already made is shown above" not in hint
    assert "if one was already made" in hint
