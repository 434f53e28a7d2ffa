"""Hostile and careless forms: JSON nested too deeply is a problem in the report (never a
crash), and free text always has a length limit (the form's maxLength, else the default)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine as Database
from typer.testing import CliRunner

from engine.cli import app
from engine.config import Settings
from engine.errors import InvalidDataError
from engine.facade import Engine
from engine.sources import SourceFile
from engine.spiff.clock import FakeClock
from engine.validation import validate_files
from engine.validation.forms import FORM_MAX_DEPTH
from engine.validation.textlimits import bounded_text, unbounded_fields
from tests.conftest import SIMPLE, fixture_files
from tests.engine.test_cases import REPORT

DEEP_ARRAYS = b"[" * 100_000 + b"]" * 100_000  # 200 KB
DEEP_SCHEMA = json.dumps(
    {
        "type": "object",
        "properties": {"a": json.loads('{"properties": {"a": ' * 300 + "{}" + "}}" * 300)},
    }
).encode()


@pytest.mark.parametrize("content", [DEEP_ARRAYS, DEEP_SCHEMA], ids=["arrays", "schemas"])
def test_a_deeply_nested_form_is_a_problem_in_the_report(content: bytes) -> None:
    report, bundle = validate_files([SourceFile("deep.schema.json", content)])
    assert bundle is None
    [problem] = report.errors
    assert (problem.file, problem.code) == ("deep.schema.json", "form-json")
    assert f"more than {FORM_MAX_DEPTH} levels" in problem.message


def test_a_form_nested_as_deep_as_allowed_still_validates() -> None:
    inner: dict[str, object] = {"type": "string", "maxLength": 5}
    for _ in range(FORM_MAX_DEPTH // 2 - 1):
        inner = {"type": "object", "properties": {"a": inner}}
    report, _bundle = validate_files([SourceFile("nested.schema.json", json.dumps(inner).encode())])
    assert report.errors == []


def test_nrm_validate_reports_a_deeply_nested_form_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "deep.schema.json"
    path.write_bytes(DEEP_ARRAYS)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "deep.schema.json error: Form nests objects and arrays more than" in result.output
    assert "Traceback" not in result.output


FORM = {
    "type": "object",
    "properties": {
        "note": {"type": "string"},
        "name": {"type": "string", "maxLength": 200},
        "long_note": {"type": "string", "maxLength": 50_000},
        "kind": {"type": "string", "enum": ["a", "b"]},
        "mode": {"type": "string", "oneOf": [{"const": "air"}, {"const": "rail"}]},
        "born": {"type": "string", "format": "date"},
        "maybe": {"type": ["string", "null"]},
        "places": {"type": "array", "items": {"type": "string"}},
        "home": {"type": "object", "properties": {"street": {"type": "string"}}},
        "age": {"type": "integer"},
    },
}


def test_text_fields_without_max_length_are_named_and_get_the_default() -> None:
    assert unbounded_fields(FORM) == ["note", "maybe", "places/items", "home/street"]
    bounded = bounded_text(FORM, 99)
    props = bounded["properties"]
    assert [props[n].get("maxLength") for n in ("note", "name", "long_note", "maybe")] == [
        99,
        200,
        50_000,
        99,
    ]
    assert props["places"]["items"]["maxLength"] == 99
    assert props["home"]["properties"]["street"]["maxLength"] == 99
    assert "maxLength" not in props["kind"] and "maxLength" not in props["age"]
    assert "maxLength" not in FORM["properties"]["note"]  # the form itself is not changed


def test_validation_warns_once_per_form_naming_its_unbounded_text_fields() -> None:
    report, bundle = validate_files(
        [SourceFile("free.schema.json", json.dumps(FORM).encode())], text_max_length=321
    )
    assert bundle is not None and report.errors == []
    [warning] = report.warnings
    assert (warning.file, warning.code) == ("free.schema.json", "form-text-length")
    assert "4 text field(s) without maxLength (note, maybe, places/items, home/street)" in (
        warning.message
    )
    assert "at most 321 characters" in warning.message
    assert bundle.forms["free.schema.json"]["properties"]["note"]["maxLength"] == 321


def test_free_text_past_the_default_limit_is_refused(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    engine = Engine(db, settings=replace(settings, text_max_length=40), clock=clock)
    engine.deploy(fixture_files(*SIMPLE), deployed_by="test")
    too_long = {**REPORT, "pseudonym": "x" * 41}
    with pytest.raises(InvalidDataError) as refused:
        engine.start_case("simple", too_long, agency="border", actor="border")
    [error] = refused.value.errors
    assert (error.field, error.code, error.limit) == ("pseudonym", "maxLength", 40)
    at_the_limit = {**REPORT, "pseudonym": "x" * 40}
    assert engine.start_case("simple", at_the_limit, agency="border", actor="border").case.id
