"""Form data against a task's JSON Schema: every wrong field named, unknown fields refused.

jsonschema is the judge. Valid data (nearly every submission) is first confirmed by
jsonschema-rs, which is much quicker (docs/decisions/timings.md), on forms whose keywords
both read alike; anything it does not accept goes to jsonschema, which finds and words the
errors (or accepts it after all).
Neither resolves anything outside the form, and patterns run in RE2 (engine/formrules.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry
from referencing.exceptions import Unresolvable

from engine import formrules
from engine.errors import FieldError, InvalidDataError, InvalidDiagramError, Problem

_FORMATS = FormatChecker(formats=())


def _is_date(value: object) -> bool:
    return not isinstance(value, str) or bool(date.fromisoformat(value))


def _is_datetime(value: object) -> bool:
    return not isinstance(value, str) or bool(datetime.fromisoformat(value))


_FORMATS.checks("date", raises=ValueError)(_is_date)
_FORMATS.checks("date-time", raises=ValueError)(_is_datetime)


def _accepts(check: Any) -> Any:
    def accepts(value: object) -> bool:
        try:
            return bool(check(value))
        except ValueError:
            return False

    return accepts


# The keywords whose meaning jsonschema-rs and jsonschema share exactly (types, lengths,
# bounds, constants, combinators); a form using any other (`pattern`: two regex dialects,
# `multipleOf`: two float rules, ...) is always checked by jsonschema alone.
_SHARED_KEYWORDS = frozenset(
    {
        "$schema", "$id", "$comment", "$defs", "$ref", "title", "description", "default",
        "examples", "type", "properties", "required", "additionalProperties", "items",
        "prefixItems", "minItems", "maxItems", "uniqueItems", "enum", "const", "minLength",
        "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "oneOf",
        "anyOf", "allOf", "not", "if", "then", "else", "format", "readOnly", "writeOnly",
    }
)  # fmt: skip
# Formats checked the same way as jsonschema does here (every other format, unchecked by
# jsonschema, is checked by jsonschema-rs: stricter, so such data goes to jsonschema).
_RS_FORMATS = {"date": _accepts(_is_date), "date-time": _accepts(_is_datetime)}


def _keywords_shared(schema: Any) -> bool:
    """True when every keyword of the schema (at any depth) is in _SHARED_KEYWORDS."""
    if isinstance(schema, list):
        return all(_keywords_shared(s) for s in schema)
    if not isinstance(schema, Mapping):
        return True
    for key, value in schema.items():
        if key.startswith("x-") or key in ("enum", "const", "default", "examples"):
            continue
        if key not in _SHARED_KEYWORDS:
            return False
        if key in ("properties", "$defs"):
            if not all(_keywords_shared(v) for v in value.values()):
                return False
        elif not _keywords_shared(value):
            return False
    return True


def _pattern(validator: Any, pattern: str, instance: Any, _schema: Any) -> Any:
    """JSON Schema's `pattern` (jsonschema's own, with RE2 instead of Python's `re`)."""
    if validator.is_type(instance, "string") and not formrules.search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


FormValidator = validators.extend(Draft202012Validator, {"pattern": _pattern})
_NOTHING_OUTSIDE: Registry[Any] = Registry(retrieve=formrules.refuse_retrieval)  # type: ignore[call-arg]


def _field_name(path: Any, error_field: str | None) -> str:
    parts = [str(p) for p in path]
    if error_field:
        parts.append(error_field)
    return "/".join(parts) or "(form)"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


NOT_AN_OBJECT = FieldError("(form)", "Form data must be a JSON object.", "type")
_VALIDATORS: dict[int, tuple[Mapping[str, Any], Any, Any]] = {}


def _validators(schema: Mapping[str, Any], form: str | None = None) -> tuple[Any, Any]:
    """The validators of a form schema object (forms are parsed once per deployed version):
    jsonschema's, and jsonschema-rs's when the form keeps to the shared keywords (else None).
    A form breaking engine/formrules.py's rules (deployed before they held) is refused.
    """
    cached = _VALIDATORS.get(id(schema))
    if cached is None or cached[0] is not schema:
        _refuse_unsafe(schema, form)
        confirming = confirming_validator(schema, form) if _keywords_shared(schema) else None
        cached = (schema, full_validator(schema), confirming)
        _VALIDATORS[id(schema)] = cached  # keeps the schema alive, so its id is not reused
    return cached[1], cached[2]


def full_validator(schema: Mapping[str, Any]) -> Any:
    """jsonschema's validator of a form: RE2 patterns, nothing resolved outside the form."""
    return FormValidator(schema, format_checker=_FORMATS, registry=_NOTHING_OUTSIDE)


def confirming_validator(schema: Mapping[str, Any], form: str | None) -> Any:
    """jsonschema-rs's validator of a form; InvalidDiagramError when its references do not
    resolve within the form."""
    try:
        return jsonschema_rs.Draft202012Validator(
            dict(schema),
            formats=_RS_FORMATS,
            validate_formats=True,
            retriever=formrules.refuse_retrieval,
            pattern_options=jsonschema_rs.RegexOptions(),
        )
    except jsonschema_rs.ValidationError as exc:
        problem = Problem(f"{exc.message}.", file=form, code="form-ref")
        raise InvalidDiagramError(
            f"Form {form or '(unnamed)'} cannot be used", problems=[problem]
        ) from None


def _refuse_unsafe(schema: Mapping[str, Any], form: str | None) -> None:
    problems = [
        Problem(f"At {where}: {what}.", file=form, code=code)
        for where, what, code in formrules.schema_problems(schema)
    ]
    if problems:
        raise InvalidDiagramError(f"Form {form or '(unnamed)'} cannot be used", problems=problems)


def _surely_valid(confirming: Any, data: Any) -> bool:
    """jsonschema-rs's yes; any doubt (no, or data it cannot read) → False."""
    if confirming is None:
        return False
    try:
        return bool(confirming.is_valid(data))
    except (ValueError, TypeError, OverflowError):
        return False


def field_errors(
    schema: Mapping[str, Any], data: Any, *, form: str | None = None
) -> list[FieldError]:
    """Every problem of `data` against the form, as field errors (empty when valid)."""
    if not isinstance(data, Mapping):
        return [NOT_AN_OBJECT]
    declared = set((schema.get("properties") or {}).keys())
    errors = [
        FieldError(key, "Not a field of this form.", "unknown")
        for key in sorted(set(data) - declared)
    ]
    validator, confirming = _validators(schema, form)
    if _surely_valid(confirming, data):
        return errors
    # jsonschema decides every refusal and words every error.
    for err in sorted(schema_errors(validator, data, form), key=lambda e: list(e.path)):
        missing = None
        if err.validator == "required" and isinstance(err.message, str):
            missing = err.message.split("'")[1] if "'" in err.message else None
        message = "This field is required." if missing else err.message
        limit = err.validator_value if _is_number(err.validator_value) else None
        errors.append(
            FieldError(_field_name(err.path, missing), message, str(err.validator), limit)
        )
    return errors


def schema_errors(validator: Any, data: Mapping[str, Any], form: str | None) -> list[Any]:
    """jsonschema's errors of the data; InvalidDiagramError for a reference it cannot resolve."""
    try:
        return list(validator.iter_errors(dict(data)))
    except Unresolvable as exc:  # a local reference to something the form does not hold
        problem = Problem(f"{exc}.", file=form, code="form-ref")
        raise InvalidDiagramError(
            f"Form {form or '(unnamed)'} cannot be used", problems=[problem]
        ) from None


def validate_form(schema: Mapping[str, Any] | None, data: Any, *, form: str | None = None) -> None:
    """Raise InvalidDataError naming each wrong field; no schema accepts any JSON object."""
    if schema is None:
        if not isinstance(data, Mapping):
            raise InvalidDataError("Form data must be a JSON object.", [NOT_AN_OBJECT])
        return
    errors = field_errors(schema, data, form=form)
    if errors:
        raise InvalidDataError(f"{len(errors)} field(s) need attention", errors, form=form)


def read_only_fields(schema: Mapping[str, Any] | None) -> tuple[str, ...]:
    """Fields a form marks `readOnly`: the engine sets them from the task's own data."""
    props = (schema or {}).get("properties") or {}
    return tuple(n for n, p in props.items() if isinstance(p, Mapping) and p.get("readOnly"))


def with_read_only(
    schema: Mapping[str, Any] | None, data: Mapping[str, Any], task_data: Mapping[str, Any]
) -> Mapping[str, Any]:
    """The submitted data with the form's `readOnly` fields set from the task's own data (an
    instance's item, say); a client that sends another value for one is refused."""
    names = [n for n in read_only_fields(schema) if n in task_data]
    if not names or not isinstance(data, Mapping):
        return data
    errors = [
        FieldError(n, "Set by the case; it cannot be changed in this form.", "readOnly")
        for n in names
        if n in data and data[n] != task_data[n]
    ]
    if errors:
        raise InvalidDataError(f"{len(errors)} field(s) need attention", errors)
    return {**data, **{n: task_data[n] for n in names}}


def personal_fields(schema: Mapping[str, Any] | None) -> set[str]:
    """Fields a form marks `x-personal` (the identity block)."""
    if not schema:
        return set()
    props = schema.get("properties") or {}
    return {
        name for name, prop in props.items() if isinstance(prop, dict) and prop.get("x-personal")
    }


def declared_fields(schema: Mapping[str, Any] | None) -> set[str]:
    """Fields a form declares or shows (`properties` and `x-context`)."""
    if not schema:
        return set()
    return set((schema.get("properties") or {}).keys()) | set(schema.get("x-context") or [])
