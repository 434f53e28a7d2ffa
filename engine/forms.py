"""Form data against a task's JSON Schema: every wrong field named, unknown fields refused."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from engine.errors import FieldError, InvalidDataError

_FORMATS = FormatChecker(formats=())


def _is_date(value: object) -> bool:
    return not isinstance(value, str) or bool(date.fromisoformat(value))


def _is_datetime(value: object) -> bool:
    return not isinstance(value, str) or bool(datetime.fromisoformat(value))


_FORMATS.checks("date", raises=ValueError)(_is_date)
_FORMATS.checks("date-time", raises=ValueError)(_is_datetime)


def _field_name(path: Any, error_field: str | None) -> str:
    parts = [str(p) for p in path]
    if error_field:
        parts.append(error_field)
    return "/".join(parts) or "(form)"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


NOT_AN_OBJECT = FieldError("(form)", "Form data must be a JSON object.", "type")
_VALIDATORS: dict[int, tuple[Mapping[str, Any], Draft202012Validator]] = {}


def _validator(schema: Mapping[str, Any]) -> Draft202012Validator:
    """A validator per form schema object (forms are parsed once per deployed version)."""
    cached = _VALIDATORS.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = (schema, Draft202012Validator(schema, format_checker=_FORMATS))
        _VALIDATORS[id(schema)] = cached  # keeps the schema alive, so its id is not reused
    return cached[1]


def field_errors(schema: Mapping[str, Any], data: Any) -> list[FieldError]:
    """Every problem of `data` against the form, as field errors (empty when valid)."""
    if not isinstance(data, Mapping):
        return [NOT_AN_OBJECT]
    declared = set((schema.get("properties") or {}).keys())
    errors = [
        FieldError(key, "Not a field of this form.", "unknown")
        for key in sorted(set(data) - declared)
    ]
    validator = _validator(schema)
    for err in sorted(validator.iter_errors(dict(data)), key=lambda e: list(e.path)):
        missing = None
        if err.validator == "required" and isinstance(err.message, str):
            missing = err.message.split("'")[1] if "'" in err.message else None
        message = "This field is required." if missing else err.message
        limit = err.validator_value if _is_number(err.validator_value) else None
        errors.append(
            FieldError(_field_name(err.path, missing), message, str(err.validator), limit)
        )
    return errors


def validate_form(schema: Mapping[str, Any] | None, data: Any, *, form: str | None = None) -> None:
    """Raise InvalidDataError naming each wrong field; no schema accepts any JSON object."""
    if schema is None:
        if not isinstance(data, Mapping):
            raise InvalidDataError("Form data must be a JSON object.", [NOT_AN_OBJECT])
        return
    errors = field_errors(schema, data)
    if errors:
        raise InvalidDataError(f"{len(errors)} field(s) need attention", errors, form=form)


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
