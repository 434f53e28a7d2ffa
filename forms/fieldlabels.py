"""Labels and readable values of case fields, from the forms of the case's process version.

Case data is flat and field names are global, so a field's label is its title in the
first form (by file name) that declares it; x-context fields and the case page use this.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from forms.formview import choices_of, properties
from forms.translate import Translator

FieldIndex = Mapping[str, Mapping[str, Any]]
# Fields set by the engine or scripts whose values are agency role codes.
AGENCY_FIELDS = frozenset({"reporting_agency", "first_responder", "referral_receiver"})


def field_index(forms: Mapping[str, Mapping[str, Any] | None]) -> dict[str, Mapping[str, Any]]:
    """Field name -> its property schema, over every form of a version."""
    index: dict[str, Mapping[str, Any]] = {}
    for name in sorted(forms):
        for field, prop in properties(forms[name]).items():
            index.setdefault(field, prop)
    return index


def label(t: Translator, index: FieldIndex, field: str) -> str:
    """A field's label in the user's language (its name when no form declares it)."""
    if t.has(f"field.{field}"):
        return t(f"field.{field}")
    prop = index.get(field)
    title = prop.get("title") if prop else None
    return t.form(title) if isinstance(title, str) else field


def display(t: Translator, index: FieldIndex, field: str, value: Any) -> str:
    """A case value as people read it: choice titles, yes/no, lists joined."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return t("common.yes") if value else t("common.no")
    if field in AGENCY_FIELDS and isinstance(value, str) and t.has(f"agency.{value}"):
        return t(f"agency.{value}")
    prop = index.get(field) or {}
    titles = {c.value: c.title for c in choices_of(prop)}
    if isinstance(value, list):
        return ", ".join(_one(t, titles, v) for v in value) or "—"
    return _one(t, titles, value)


def _one(t: Translator, titles: Mapping[str, str], value: Any) -> str:
    raw = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    title = titles.get(raw)
    return t.form(title) if title is not None else raw


def rows(
    t: Translator, index: FieldIndex, data: Mapping[str, Any], fields: list[str] | None = None
) -> list[tuple[str, str, bool]]:
    """(label, value, personal) for the given fields (default: all) present in the data."""
    names = [f for f in (fields if fields is not None else sorted(data)) if f in data]
    return [
        (
            label(t, index, f),
            display(t, index, f, data[f]),
            bool(index.get(f, {}).get("x-personal")),
        )
        for f in names
    ]
