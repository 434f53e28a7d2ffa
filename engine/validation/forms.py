"""Form files: valid JSON, valid JSON Schema, and present where a task names them."""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from engine.errors import Problem
from engine.facts import check_marks
from engine.sources import SourceFile


def load_form(source: SourceFile) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse a form file and check it is a JSON Schema object."""
    try:
        schema = json.loads(source.content)
    except (ValueError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        return None, [
            Problem(
                f"Form is not valid JSON: {exc}",
                file=source.name,
                line=line,
                code="form-json",
                fix="Correct the JSON syntax.",
            )
        ]
    if not isinstance(schema, dict):
        return None, [
            Problem(
                "Form must be a JSON object (a JSON Schema).",
                file=source.name,
                code="form-schema",
                fix='Start the file with {"type": "object", ...}',
            )
        ]
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        where = "/".join(str(p) for p in exc.path) or "(root)"
        return None, [
            Problem(
                f"Form is not a valid JSON Schema at {where}: {exc.message}",
                file=source.name,
                code="form-schema",
                fix="Correct the schema keyword (JSON Schema draft 2020-12).",
            )
        ]
    marks = check_marks(schema, source.name)
    return (None, marks) if marks else (schema, [])


def missing_form(element_id: str, form: str, file: str, line: int | None) -> Problem:
    """A task names a form file the deployment does not contain."""
    return Problem(
        f"Form file {form!r} is missing.",
        file=file,
        line=line,
        element_id=element_id,
        code="form-missing",
        fix=f"Add forms/schemas/{form}, or correct the formJsonSchemaFilename property.",
    )


def no_form(element_id: str, name: str, file: str, line: int | None) -> Problem:
    """A user task without a form: the caseworker could only press 'done'."""
    return Problem(
        f"User task {name!r} names no form.",
        file=file,
        line=line,
        element_id=element_id,
        code="form-none",
        fix="Add the spiffworkflow property formJsonSchemaFilename to the task.",
    )
