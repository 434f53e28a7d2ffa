"""Form files: valid JSON, valid JSON Schema, and present where a task names them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from engine import crossfield, formrules
from engine.errors import InvalidDiagramError, Problem
from engine.facts import check_marks
from engine.forms import confirming_validator
from engine.sources import SourceFile

# Deeper JSON is refused before anything walks it: real forms nest a few levels, and the
# validators (and the pages that render a form) walk a schema recursively.
FORM_MAX_DEPTH = 64


def load_form(source: SourceFile) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse a form file and check it is a JSON Schema object."""
    try:
        schema = json.loads(source.content)
    except RecursionError:
        return None, [_too_deep(source.name)]
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
    if nesting_depth(schema, FORM_MAX_DEPTH) > FORM_MAX_DEPTH:
        return None, [_too_deep(source.name)]
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
    problems = check_marks(schema, source.name) + list(_unsafe(schema, source.name))
    problems += [
        Problem(f"Form at {where}: {what}.", file=source.name, code="form-rule", fix=_RULE_FIX)
        for where, what in crossfield.rule_problems(schema)
    ]
    return (None, problems) if problems else (schema, [])


def _unsafe(schema: dict[str, Any], file: str) -> Iterator[Problem]:
    """References out of the form, patterns RE2 cannot run; local references that do not
    resolve."""
    found = list(formrules.schema_problems(schema))
    for where, what, code in found:
        yield Problem(f"Form at {where}: {what}.", file=file, code=code, fix=_FIXES[code])
    if not found and formrules.has_references(schema):
        try:
            confirming_validator(schema, file)
        except InvalidDiagramError as exc:
            for problem in exc.problems:
                yield replace(problem, fix=_FIXES["form-ref"])


_RULE_FIX = "See docs/forms.md: the rules between fields and what each one needs."
_FIXES = {
    "form-ref": 'Refer only to definitions in the same form, e.g. "$ref": "#/$defs/name".',
    "form-pattern": "Write the pattern without look-around or back-references "
    "(RE2 syntax: https://github.com/google/re2/wiki/Syntax), or use enum/format instead.",
}


def _too_deep(file: str) -> Problem:
    return Problem(
        f"Form nests objects and arrays more than {FORM_MAX_DEPTH} levels deep.",
        file=file,
        code="form-json",
        fix="A form's fields need a few levels; remove the extra nesting.",
    )


def nesting_depth(value: Any, limit: int) -> int:
    """How deep objects and arrays nest in parsed JSON (counted without recursion; stops
    once past `limit`)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return deepest


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
