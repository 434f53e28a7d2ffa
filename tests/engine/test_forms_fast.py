"""The quick yes of jsonschema-rs never accepts what jsonschema refuses (engine.forms).

Every form of the library and of the benchmark is tried with generated data built from
its own fields: the constants it offers, awkward dates and date-times, wrong types,
numbers at the bounds, duplicates, missing and unknown fields.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import forms
from engine.forms import _validators, field_errors, validate_form

ROOT = Path(__file__).resolve().parents[2]
FORM_FILES = sorted((ROOT / "forms" / "schemas").glob("*.schema.json")) + sorted(
    (ROOT / "bench" / "diagram").glob("*.schema.json")
)
# Every shared keyword at once, with the formats the library forms do not use yet.
SYNTHETIC: dict[str, Any] = {
    "type": "object",
    "properties": {
        "when": {"type": "string", "format": "date-time"},
        "born": {"type": "string", "format": "date"},
        "mail": {"type": "string", "format": "email"},
        "n": {"type": "integer", "minimum": 0, "exclusiveMaximum": 121},
        "share": {"type": "number", "exclusiveMinimum": 0.5, "maximum": 1},
        "tags": {"type": "array", "items": {"type": ["number", "boolean"]}, "uniqueItems": True},
        "pick": {"oneOf": [{"const": "a"}, {"const": 1}], "not": {"const": True}},
        "name": {"type": "string", "minLength": 2, "maxLength": 5},
    },
    "required": ["n"],
    "if": {"properties": {"pick": {"const": "a"}}, "required": ["pick"]},
    "then": {"required": ["when"]},
    "else": {"anyOf": [{"required": ["born"]}, {"required": ["name"]}]},
}
AWKWARD = [
    "2026-03-01",
    "2026-02-30",
    "20260301",
    "2026-W09-7",
    "2026-03-01T10:00:00Z",
    "2026-03-01T10:00:00+05:00",
    "2026-03-01t10:00:00z",
    "2026-03-01T23:59:60Z",
    "2026-03-01 10:00",
    "",
    "x" * 600,
    "\u0000",
    "Ä" * 3,
]


def _constants(schema: Any) -> list[Any]:
    found: list[Any] = []
    if isinstance(schema, dict):
        if "const" in schema:
            found.append(schema["const"])
        found += list(schema.get("enum") or [])
        for value in schema.values():
            found += _constants(value)
    elif isinstance(schema, list):
        for value in schema:
            found += _constants(value)
    return found


def _values(schema: Any) -> st.SearchStrategy[Any]:
    """Values for one field: its own constants, awkward dates, numbers at the edges, wrong
    types; dates first where the field has a format."""
    scalars = st.one_of(
        st.sampled_from(_constants(schema) or ["a"]),
        st.sampled_from(AWKWARD),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from([0, 1, 1.0, -1, 120, 121, 0.5, True, False, None]),
        st.text(max_size=20),
    )
    if isinstance(schema, dict) and "format" in schema:
        scalars = st.one_of(st.sampled_from(AWKWARD), scalars)
    return st.one_of(
        scalars, st.lists(scalars, max_size=4), st.dictionaries(st.text(max_size=3), scalars)
    )


def _instances(schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    fields = {name: _values(prop) for name, prop in (schema.get("properties") or {}).items()}
    return st.fixed_dictionaries({}, optional={**fields, "not_a_field": _values({})})


@pytest.mark.parametrize("path", [*FORM_FILES, None], ids=lambda p: p.name if p else "synthetic")
def test_the_quick_yes_is_never_wrong(path: Path | None) -> None:
    schema = json.loads(path.read_text(encoding="utf-8")) if path else SYNTHETIC
    python, fast = _validators(schema)
    assert fast is not None or path is not None

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_instances(schema))
    def check(data: dict[str, Any]) -> None:
        if forms._surely_valid(fast, data):
            assert not list(python.iter_errors(data)), data

    check()


def test_most_forms_take_the_quick_path() -> None:
    quick = [p for p in FORM_FILES if _validators(json.loads(p.read_text()))[1] is not None]
    assert len(quick) >= len(FORM_FILES) - 3


def test_forms_with_other_keywords_are_left_to_jsonschema() -> None:
    schema = {"type": "object", "properties": {"code": {"type": "string", "pattern": "^A"}}}
    assert _validators(schema)[1] is None
    assert [e.code for e in field_errors(schema, {"code": "B"})] == ["pattern"]
    validate_form(schema, {"code": "A1"})


def test_a_refusal_is_worded_by_jsonschema() -> None:
    schema = {
        "type": "object",
        "properties": {"born": {"type": "string", "format": "date"}, "n": {"type": "integer"}},
        "required": ["n"],
    }
    assert _validators(schema)[1] is not None
    errors = field_errors(schema, {"born": "5 May"})
    assert {(e.field, e.code) for e in errors} == {("born", "format"), ("n", "required")}
    # Accepted by jsonschema's date check (Python's ISO reader) though not RFC 3339: kept.
    assert field_errors(schema, {"born": "20260301", "n": 1}) == []
    assert field_errors(schema, {"n": 2**80}) == []


POOL: list[Any] = [*AWKWARD, 0, 1, 1.0, -1, 120, 121, 0.5, 0.75, 2**80, True, False, None]
POOL += ["a", "ab", "abcdef", [1, 1.0], [True, 1], [1, 2], [], {}, "a@b.org", "not mail"]


@pytest.mark.parametrize("field", sorted(SYNTHETIC["properties"]))
def test_one_field_at_a_time(field: str) -> None:
    """From a valid base, every value of the pool in one field: the quick yes only where
    jsonschema says yes too (and jsonschema's yes is kept)."""
    python, fast = _validators(SYNTHETIC)
    for base in ({"n": 1, "born": "2026-03-01"}, {"n": 1, "pick": "a", "when": "2026-03-01"}):
        assert not list(python.iter_errors(base)) or field in base
        for value in POOL:
            data = {**base, field: value}
            if forms._surely_valid(fast, data):
                assert not list(python.iter_errors(data)), data
