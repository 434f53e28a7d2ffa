"""Submitted form fields back to JSON: the raw values the browser sent (a string, or a list of
strings for checkboxes) typed by the form's JSON Schema. Parsing keeps anything it cannot read
as typed, so the engine's validator reports it on the field and the page shows it back exactly
as it was typed. Rendering the form: forms/formview.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from forms.formview import Raw, editable, raw_text, types_of, widget_of

_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def raw_values(
    schema: Mapping[str, Any] | None, get_list: Callable[[str], Sequence[Any]]
) -> dict[str, Raw]:
    """The form's fields as the browser sent them (checkboxes as lists)."""
    values: dict[str, Raw] = {}
    for name, prop in editable(schema).items():
        sent = [v for v in get_list(name) if isinstance(v, str)]
        if widget_of(prop) == "checkboxes":
            values[name] = sent
        elif sent:
            values[name] = sent[0]
    return values


def parse(schema: Mapping[str, Any] | None, values: Mapping[str, Raw]) -> dict[str, Any]:
    """Typed JSON from raw values: numbers, yes/no, choices; empty fields left out."""
    required = set((schema or {}).get("required") or [])
    data: dict[str, Any] = {}
    for name, prop in editable(schema).items():
        raw = values.get(name)
        if isinstance(raw, list):
            if raw or name in required:
                data[name] = [_choice(prop, v) for v in raw]
            continue
        text = (raw or "").strip()
        if text:
            data[name] = _typed(prop, text)
        elif "null" in types_of(prop):
            data[name] = None
    return data


def _choice(prop: Mapping[str, Any], raw: str) -> Any:
    source = prop.get("items") if "array" in types_of(prop) else prop
    consts = _consts(source if isinstance(source, Mapping) else {})
    return consts.get(raw, raw)


def _consts(prop: Mapping[str, Any]) -> dict[str, Any]:
    options = prop.get("oneOf")
    values: Iterable[Any] = []
    if isinstance(options, list):
        values = [o["const"] for o in options if isinstance(o, Mapping) and "const" in o]
    elif isinstance(prop.get("enum"), list):
        values = prop["enum"]
    return {raw_text(v): v for v in values}


def _typed(prop: Mapping[str, Any], text: str) -> Any:
    widget = widget_of(prop)
    if widget in ("radio", "select"):
        return _choice(prop, text)
    if widget == "yesno":
        return {"true": True, "false": False}.get(text, text)
    if widget == "integer" and _INTEGER.match(text):
        return int(text)
    if widget == "number" and _NUMBER.match(text):
        number = float(text.replace(",", "."))
        return (
            int(number) if number.is_integer() and "." not in text and "," not in text else number
        )
    return text
