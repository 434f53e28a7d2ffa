"""Form data against a task's JSON Schema: every wrong field named, unknown fields refused.

jsonschema is the judge. Valid data (nearly every submission) is first confirmed by
jsonschema-rs, which is much quicker (docs/decisions/timings.md), on forms whose keywords
both read alike; anything it does not accept goes to jsonschema, which finds and words the
errors (or accepts it after all).
Neither resolves anything outside the form, and patterns run in RE2 (engine/formrules.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry
from referencing.exceptions import Unresolvable

from engine import crossfield, formrules
from engine.errors import FieldError, InvalidDataError, InvalidDiagramError, Problem
from engine.workdays import BISHKEK

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
    schema: Mapping[str, Any],
    data: Any,
    *,
    form: str | None = None,
    known: Mapping[str, Any] | None = None,
    today: date | None = None,
) -> list[FieldError]:
    """Every problem of `data` against the form, as field errors (empty when valid): its
    JSON Schema, then the rules between fields (engine/crossfield.py), which compare with
    the case's data `known` and with `today` (default: Bishkek's date now)."""
    if not isinstance(data, Mapping):
        return [NOT_AN_OBJECT]
    declared = set((schema.get("properties") or {}).keys())
    errors = [
        FieldError(key, "Not a field of this form.", "unknown")
        for key in sorted(set(data) - declared)
    ]
    validator, confirming = _validators(schema, form)
    if not _surely_valid(confirming, data):
        # jsonschema decides every refusal and words every error.
        found = sorted(schema_errors(validator, data, form), key=lambda e: list(e.path))
        errors += [_field_error(schema, err) for err in found]
    wrong = {e.field for e in errors}
    day = today or datetime.now(BISHKEK).date()
    errors += [
        e
        for e in crossfield.rule_errors(schema, data, known=known or {}, today=day)
        if e.field not in wrong
    ]
    return errors


def _field_error(schema: Mapping[str, Any], err: Any) -> FieldError:
    """One jsonschema error as a field error; one an `if` or `dependentRequired` brought
    names the fields it depends on."""
    missing, related = None, _condition_fields(schema, list(err.relative_schema_path))
    if err.validator in ("required", "dependentRequired") and isinstance(err.message, str):
        quoted = err.message.split("'")
        missing = quoted[1] if len(quoted) > 2 else None
        if err.validator == "dependentRequired" and len(quoted) > 4:
            related = (quoted[3],)
    message = "This field is required." if missing else err.message
    limit = err.validator_value if _is_number(err.validator_value) else None
    return FieldError(_field_name(err.path, missing), message, str(err.validator), limit, related)


def _condition_fields(schema: Mapping[str, Any], path: Sequence[Any]) -> tuple[str, ...]:
    """The fields read by the `if` whose `then` or `else` holds the broken keyword."""
    node: Any = schema
    related: tuple[str, ...] = ()
    for step in path:
        if step in ("then", "else") and isinstance(node, Mapping):
            condition: Mapping[str, Any] = node["if"] if isinstance(node.get("if"), Mapping) else {}
            named = set((condition.get("properties") or {}).keys()) | set(
                condition.get("required") or ()
            )
            related = tuple(sorted(named))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return related


def schema_errors(validator: Any, data: Mapping[str, Any], form: str | None) -> list[Any]:
    """jsonschema's errors of the data; InvalidDiagramError for a reference it cannot resolve."""
    try:
        return list(validator.iter_errors(dict(data)))
    except Unresolvable as exc:  # a local reference to something the form does not hold
        problem = Problem(f"{exc}.", file=form, code="form-ref")
        raise InvalidDiagramError(
            f"Form {form or '(unnamed)'} cannot be used", problems=[problem]
        ) from None


def validate_form(
    schema: Mapping[str, Any] | None,
    data: Any,
    *,
    form: str | None = None,
    known: Mapping[str, Any] | None = None,
    today: date | None = None,
) -> None:
    """Raise InvalidDataError naming each wrong field; no schema accepts any JSON object.
    `known` is the case's data the form's rules compare with, `today` the engine's date."""
    if schema is None:
        if not isinstance(data, Mapping):
            raise InvalidDataError("Form data must be a JSON object.", [NOT_AN_OBJECT])
        return
    errors = field_errors(schema, data, form=form, known=known, today=today)
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
