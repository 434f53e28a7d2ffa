"""Field errors of a refused submission, phrased in the user's language.

The engine decides what is wrong (engine.forms via the task service); this module only
says it in words: it asks jsonschema again which rule each named field broke.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from jsonschema import Draft202012Validator

from engine.errors import FieldError
from forms.formview import properties, widget_of
from forms.translate import Translator

_SIMPLE = {
    "minLength": "error.min_length",
    "maxLength": "error.max_length",
    "pattern": "error.pattern",
    "enum": "error.choice",
    "oneOf": "error.choice",
    "const": "error.choice",
    "uniqueItems": "error.unique",
    "minItems": "error.min_items",
    "minimum": "error.minimum",
    "maximum": "error.maximum",
    "exclusiveMinimum": "error.minimum",
    "exclusiveMaximum": "error.maximum",
}
_TYPES = {"integer": "error.integer", "number": "error.number", "yesno": "error.choice"}
_FORMATS = {"date": "error.date", "datetime": "error.datetime"}


def _rules(schema: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, tuple[str, Any]]:
    """The first rule each top-level field breaks: field -> (validator, its value)."""
    found: dict[str, tuple[str, Any]] = {}
    for err in Draft202012Validator(schema).iter_errors(dict(data)):
        path = list(err.absolute_path)
        if path and isinstance(path[0], str):
            found.setdefault(path[0], (str(err.validator), err.validator_value))
    return found


def _message(t: Translator, prop: Mapping[str, Any], rule: tuple[str, Any] | None) -> str:
    if rule is None:
        key = _FORMATS.get(widget_of(prop), "error.invalid")
        return t(key)
    validator, limit = rule
    if validator == "type":
        return t(_TYPES.get(widget_of(prop), "error.invalid"))
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return t(_SIMPLE[validator], limit=limit)
    if validator in ("minLength", "maxLength", "minItems"):
        return t(_SIMPLE[validator], n=int(limit))
    return t(_SIMPLE.get(validator, "error.invalid"))


def localise(
    t: Translator,
    schema: Mapping[str, Any] | None,
    data: Mapping[str, Any],
    errors: Iterable[FieldError],
) -> tuple[dict[str, str], list[str]]:
    """Per-field messages, and messages that belong to no field of the form."""
    props = properties(schema)
    rules = _rules(schema, data) if schema else {}
    per_field: dict[str, str] = {}
    general: list[str] = []
    for error in errors:
        name = error.field.split("/")[0]
        if name not in props:
            general.append(
                t("error.unknown_field", field=name) if name != "(form)" else t("error.invalid")
            )
        elif name not in per_field:
            required = error.message == "This field is required."
            per_field[name] = (
                t("error.required") if required else _message(t, props[name], rules.get(name))
            )
    return per_field, general
