"""JSON Schema to fields, and submitted fields back to typed JSON."""

from __future__ import annotations

from typing import Any

from forms import formparse, formview

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "title": "Name", "x-section": "Person"},
        "story": {"type": "string", "title": "Story", "x-widget": "textarea"},
        "age": {"type": ["integer", "null"], "title": "Age", "x-section": "Person"},
        "weight": {"type": "number", "title": "Weight"},
        "born": {"type": "string", "format": "date", "title": "Born"},
        "seen": {"type": "string", "format": "date-time", "title": "Seen"},
        "adult": {"type": "boolean", "title": "Adult"},
        "sex": {"type": "string", "x-widget": "radio", "oneOf": [
            {"const": "f", "title": "Female"}, {"const": "m", "title": "Male"}]},
        "region": {"type": "string", "enum": ["chui", "osh"]},
        "level": {"type": "integer", "oneOf": [
            {"const": 1, "title": "One"}, {"const": 2, "title": "Two"}]},
        "needs": {"type": "array", "items": {"type": "string", "oneOf": [
            {"const": "food", "title": "Food"}, {"const": "bed", "title": "Bed"}]}},
        "extras": {"type": "array", "items": {"enum": ["a", "b"]}},
    },
    "required": ["name", "age", "extras"],
}  # fmt: skip


def test_build_chooses_a_widget_per_property() -> None:
    fields = {f.name: f for s in formview.build(SCHEMA) for f in s.fields}
    assert {name: f.widget for name, f in fields.items()} == {
        "name": "text",
        "story": "textarea",
        "age": "integer",
        "weight": "number",
        "born": "date",
        "seen": "datetime",
        "adult": "yesno",
        "sex": "radio",
        "region": "select",
        "level": "select",
        "needs": "checkboxes",
        "extras": "checkboxes",
    }
    assert [c.title for c in fields["sex"].choices] == ["Female", "Male"]
    assert [c.value for c in fields["level"].choices] == ["1", "2"]
    assert fields["name"].required and not fields["story"].required
    assert fields["needs"].value == [] and fields["name"].value == ""


def test_build_groups_fields_by_section_in_order_of_first_appearance() -> None:
    sections = formview.build(SCHEMA, errors={"age": "wrong"})
    assert [s.title for s in sections] == ["Person", None]
    assert [f.name for f in sections[0].fields] == ["name", "age"]
    assert sections[0].fields[1].error == "wrong"


def test_parse_types_values_and_leaves_empty_fields_out() -> None:
    raw = {
        "name": " Aigul ",
        "story": "",
        "age": "24",
        "weight": "52,5",
        "born": "2001-02-03",
        "adult": "true",
        "sex": "f",
        "level": "2",
        "needs": ["food", "bed"],
        "extras": [],
    }
    assert formparse.parse(SCHEMA, raw) == {
        "name": "Aigul",
        "age": 24,
        "weight": 52.5,
        "born": "2001-02-03",
        "adult": True,
        "sex": "f",
        "level": 2,
        "needs": ["food", "bed"],
        "extras": [],  # required array: sent empty, so the schema decides
    }


def test_parse_keeps_what_it_cannot_read_for_the_validator() -> None:
    data = formparse.parse(
        SCHEMA, {"age": "twenty", "adult": "maybe", "level": "9", "weight": "1e"}
    )
    assert data == {"age": "twenty", "adult": "maybe", "level": "9", "weight": "1e"}


def test_parse_empty_nullable_field_is_null_and_unchecked_optional_array_absent() -> None:
    assert formparse.parse(SCHEMA, {"age": "", "needs": []}) == {"age": None}


def test_initial_values_are_raw_strings_of_case_data() -> None:
    data = {"age": 24, "adult": False, "needs": ["bed"], "level": 1, "other": "x", "born": None}
    assert formview.initial_values(SCHEMA, data) == {
        "age": "24",
        "adult": "false",
        "needs": ["bed"],
        "level": "1",
    }


def test_raw_values_reads_only_the_form_fields() -> None:
    sent = {"name": ["A"], "needs": ["food", "bed"], "csrf_token": ["t"]}
    values = formparse.raw_values(SCHEMA, lambda name: sent.get(name, []))
    assert values == {"name": "A", "needs": ["food", "bed"], "extras": []}
