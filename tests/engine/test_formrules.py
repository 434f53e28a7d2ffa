"""Form schemas reach nothing outside themselves, and their patterns run in linear time."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from engine import forms
from engine.errors import InvalidDataError, InvalidDiagramError
from engine.sources import SourceFile
from engine.validation import validate_files


class _Recorder(BaseHTTPRequestHandler):
    """Serves a schema that accepts anything, and remembers every request."""

    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server hook's name
        type(self).seen.append(self.path)
        body = b'{"type": "integer"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def outside() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on loopback that counts the requests it gets."""
    _Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/schema.json", _Recorder.seen
    server.shutdown()
    server.server_close()


@pytest.fixture()
def local_file(tmp_path: Path) -> str:
    """A file:// URL of a schema on disk that would accept the test's value."""
    path = tmp_path / "outside.schema.json"
    path.write_text('{"type": "integer"}', encoding="utf-8")
    return path.as_uri()


def _form(ref: str) -> dict[str, Any]:
    return {"type": "object", "properties": {"n": {"$ref": ref}}}


def _form_file(schema: dict[str, Any], name: str = "x.schema.json") -> SourceFile:
    return SourceFile(name, json.dumps(schema).encode())


def _codes(schema: dict[str, Any]) -> list[str]:
    report, bundle = validate_files([_form_file(schema)])
    assert bundle is None or not report.errors
    return [p.code for p in report.errors]


def test_validation_refuses_an_http_ref_without_fetching_it(
    outside: tuple[str, list[str]],
) -> None:
    url, seen = outside
    report, bundle = validate_files([_form_file(_form(url))])
    assert bundle is None
    [problem] = report.errors
    assert (problem.code, problem.file) == ("form-ref", "x.schema.json")
    assert url in problem.message and "properties/n/$ref" in problem.message
    assert problem.fix
    assert seen == []


def test_validation_refuses_a_file_ref() -> None:
    assert _codes(_form("file:///etc/hostname")) == ["form-ref"]
    assert _codes(_form("other.schema.json#/$defs/x")) == ["form-ref"]
    assert _codes({"type": "object", "$defs": {"a": {"$dynamicRef": "http://x/y"}}}) == ["form-ref"]


def test_validation_refuses_a_local_ref_that_does_not_resolve() -> None:
    assert _codes(_form("#/$defs/missing")) == ["form-ref"]


def test_validation_accepts_a_ref_within_the_form() -> None:
    schema = {**_form("#/$defs/count"), "$defs": {"count": {"type": "integer"}}}
    assert _codes(schema) == []
    errors = forms.field_errors(schema, {"n": "seven"})
    assert [(e.field, e.code) for e in errors] == [("n", "type")]


def test_both_validators_refuse_an_http_ref_at_run_time(outside: tuple[str, list[str]]) -> None:
    # A form deployed before validation refused such references: nothing is fetched.
    url, seen = outside
    with pytest.raises(InvalidDiagramError) as fast:
        forms.confirming_validator(_form(url), "old.schema.json")
    assert fast.value.problems[0].code == "form-ref"
    full = forms.full_validator(_form(url))
    with pytest.raises(InvalidDiagramError):
        forms.schema_errors(full, {"n": 1}, "old.schema.json")
    assert seen == []


def test_both_validators_refuse_a_file_ref_at_run_time(local_file: str) -> None:
    with pytest.raises(InvalidDiagramError):
        forms.confirming_validator(_form(local_file), "old.schema.json")
    with pytest.raises(InvalidDiagramError):
        forms.schema_errors(forms.full_validator(_form(local_file)), {"n": 1}, "old.schema.json")


def test_a_step_on_a_form_with_an_outside_ref_is_refused(outside: tuple[str, list[str]]) -> None:
    url, seen = outside
    with pytest.raises(InvalidDiagramError) as refused:
        forms.validate_form(_form(url), {"n": 1}, form="old.schema.json")
    assert refused.value.problems[0].file == "old.schema.json"
    assert seen == []


def test_validation_refuses_patterns_re2_cannot_run() -> None:
    for pattern in ("^(?=a)b", r"(a)\1", "a{1001}", "(?:a{1000}){1000}"):
        schema = {"type": "object", "properties": {"s": {"type": "string", "pattern": pattern}}}
        report, _bundle = validate_files([_form_file(schema)])
        [problem] = report.errors
        assert problem.code == "form-pattern"
        assert "properties/s/pattern" in problem.message and problem.fix


def test_validation_refuses_pattern_properties() -> None:
    schema = {"type": "object", "patternProperties": {"^a": {"type": "string"}}}
    assert _codes(schema) == ["form-pattern"]


def test_a_backtracking_pattern_is_checked_in_linear_time() -> None:
    # Python's re needs about 2**30 steps for this value; RE2 reads it once.
    schema = {"type": "object", "properties": {"s": {"type": "string", "pattern": "^(a+)+$"}}}
    assert _codes(schema) == []
    with pytest.raises(InvalidDataError) as refused:
        forms.validate_form(schema, {"s": "a" * 30 + "!"})
    assert [e.code for e in refused.value.errors] == ["pattern"]
    forms.validate_form(schema, {"s": "a" * 30})


def test_patterns_are_searched_as_json_schema_says() -> None:
    # Unanchored: a match anywhere in the value.
    schema = {"type": "object", "properties": {"c": {"pattern": "[A-Z]{2}"}}}
    forms.validate_form(schema, {"c": "xxKGxx"})
    with pytest.raises(InvalidDataError):
        forms.validate_form(schema, {"c": "kg"})
    forms.validate_form(schema, {"c": 12})  # `pattern` applies to strings only
