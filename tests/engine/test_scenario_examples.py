"""The scenario harness's example answers (scenario_suite/world.py `fill_form`): they follow
what the case holds for a form's readOnly fields, and the if/then chains they set off."""

from __future__ import annotations

from datetime import date
from typing import Any

from scenario_suite.world import fill_form

TODAY = date(2026, 1, 5)

CHILD_CLOSURE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "presumed_child": {"type": "boolean", "readOnly": True},
        "closure_reason": {"type": "string", "enum": ["services_completed", "lost_contact"]},
        "closure_child_protection_agreed": {"type": "boolean"},
        "closure_child_protection_date": {"type": "string", "format": "date"},
    },
    "required": ["closure_reason"],
    "allOf": [
        {
            "if": {
                "properties": {"presumed_child": {"const": True}},
                "required": ["presumed_child"],
            },
            "then": {
                "properties": {"closure_child_protection_agreed": {"const": True}},
                "required": ["closure_child_protection_agreed"],
            },
        },
        {
            "if": {
                "properties": {"closure_child_protection_agreed": {"const": True}},
                "required": ["closure_child_protection_agreed"],
            },
            "then": {"required": ["closure_child_protection_date"]},
        },
    ],
}


def test_a_then_set_off_by_a_read_only_field_of_the_case_is_filled_and_its_chain_too() -> None:
    data = fill_form(CHILD_CLOSURE, {}, TODAY, case={"presumed_child": True, "other": 1})
    assert data["closure_child_protection_agreed"] is True  # the const the `then` forces
    assert data["closure_child_protection_date"] == "2026-01-05"  # required by the next `if`
    assert data["presumed_child"] is True
    assert "other" not in data  # only the form's readOnly fields come from the case


def test_an_adult_case_sets_off_nothing() -> None:
    data = fill_form(CHILD_CLOSURE, {}, TODAY, case={"presumed_child": False})
    assert "closure_child_protection_agreed" not in data
    assert "closure_child_protection_date" not in data


def test_what_the_scenario_gives_wins_over_the_case_and_the_examples() -> None:
    given = {"closure_child_protection_agreed": False}
    data = fill_form(CHILD_CLOSURE, given, TODAY, case={"presumed_child": True})
    assert data["closure_child_protection_agreed"] is False  # a refusal the scenario wants
    assert "closure_child_protection_date" not in data
