"""Labels and readable values of case fields, from the forms of the case's process version.

Case data is flat and field names are global, so a field's label is its title in the
first form (by file name) that declares it; x-context fields and the case page use this.
Fields the diagrams' scripts write have their label in the catalogue (`field.<name>`), and
their values too (`value.<name>.<value>`); a value is never shown as its code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from engine import codes
from forms import timewords
from forms.formview import choices_of, properties
from forms.translate import Translator

FieldIndex = Mapping[str, Mapping[str, Any]]
# Fields set by the engine or scripts whose values are agency role codes.
AGENCY_FIELDS = frozenset(
    {
        "reporting_agency",
        "first_responder",
        "referral_receiver",
        "referral_refused_receiver",
        "rehab_service_agency",
        # two reception forms hold it with other choices (a child's: child protection only),
        # so the index's one form may not have its title (review F-U)
        "return_receiving_agency",
    }
)
# Lists of agency role codes (a receiver the person agrees to; "none" keeps its title): each
# agency named as everywhere else (review P-6: one name per agency).
AGENCY_LISTS = frozenset({"referral_consent_receivers", "consent_withdrawn_from"})
# The diagrams' own bookkeeping (which services are open in a review period, each one's
# agency, the last service task's leftovers): not case facts, never listed on the case page.
INTERNAL_FIELDS = frozenset(
    {
        "rehab_service_agencies",
        "rehab_services_open",
        "rehab_service_agency",
        "rehab_service",
        "rehab_service_record",
    }
)
# Fields whose values are another field's choices.
VALUES_OF = {
    "rehab_services_completed": "rehab_services_planned",
    "rehab_service": "rehab_services_planned",
    "rehab_exit_reason": "rehab_review_decision",
    "proceedings_outcome": "proceedings_next",
}
# Fields whose values are outcomes of the case (`outcome.<value>`, as the case status says).
OUTCOME_FIELDS = frozenset({"case_outcome", "repatriation_outcome"})
# Fields holding one record per item (a dict keyed by the item, or an older list of
# records): the field naming the item, and the field each record key stands for.
RECORDS: Mapping[str, tuple[str, Mapping[str, str]]] = {
    "rehab_services_delivered": (
        "rehab_service",
        {
            "agency": "rehab_service_agency",
            "provider": "rehab_service_provider",
            "start": "rehab_service_start",
            "end": "rehab_service_end",
            "status": "rehab_service_status",
            "funding": "rehab_service_funding",
        },
    )
}


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


def display(
    t: Translator,
    index: FieldIndex,
    field: str,
    value: Any,
    roles: Mapping[str, str] | None = None,
) -> str:
    """A case value as people read it: choice titles, yes/no, dates in the language's
    pattern, lists joined; a choice naming a role of the case (`receiver`) with the agency
    holding it, when `roles` (role -> agency) are given."""
    if roles and isinstance(value, str) and value in roles and t.has(f"agency.{roles[value]}"):
        named = display(t, index, field, value)
        if named != value:
            return f"{named} ({t('agency.' + roles[value])})"
    if value is None:
        return "—"
    if isinstance(value, bool):
        return t("common.yes") if value else t("common.no")
    if field in AGENCY_FIELDS and isinstance(value, str) and t.has(f"agency.{value}"):
        return t(f"agency.{value}")
    if field in AGENCY_LISTS and isinstance(value, list) and value:
        prop = index.get(field) or {}
        titles = {c.value: c.title for c in choices_of(prop)}
        return ", ".join(
            t(f"agency.{v}") if t.has(f"agency.{v}") else _one(t, field, titles, v) for v in value
        )
    if field in RECORDS:
        return _records(t, index, field, value)
    prop = index.get(VALUES_OF.get(field, field)) or {}
    kind = codes.kind_of(prop)
    if kind and isinstance(value, str):
        return codes.answer(kind, t.lang, value) or _one(t, field, dict(codes.also(prop)), value)
    titles = {c.value: c.title for c in choices_of(prop)}
    if isinstance(value, list):
        return ", ".join(_one(t, field, titles, v) for v in value) or "—"
    return _one(t, field, titles, value)


def _one(t: Translator, field: str, titles: Mapping[str, str], value: Any) -> str:
    raw = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    for key in (f"value.{field}.{raw}", f"outcome.{raw}" if field in OUTCOME_FIELDS else ""):
        if key and t.has(key):
            return t(key)
    title = titles.get(raw)
    if title is not None:
        return t.form(title)
    return timewords.date_text(raw, t.lang) or raw


def _records(t: Translator, index: FieldIndex, field: str, value: Any) -> str:
    """One line per item: "Shelter — Provider: …; Status: delivered"."""
    item_field, parts = RECORDS[field]
    if isinstance(value, list):  # the older layout: a list of records naming their item
        value = {r.get("service"): r for r in value if isinstance(r, Mapping)}
    if not isinstance(value, Mapping) or not value:
        return "—"
    lines = []
    for item, record in value.items():
        fields = record if isinstance(record, Mapping) else {}
        said = [
            f"{label(t, index, parts[k])}: {display(t, index, parts[k], v)}"
            for k, v in fields.items()
            if k in parts and v not in (None, "")
        ]
        lines.append(f"{display(t, index, item_field, item)} — {'; '.join(said)}")
    return "\n".join(lines)


def rows(
    t: Translator,
    index: FieldIndex,
    data: Mapping[str, Any],
    fields: list[str] | None = None,
    roles: Mapping[str, str] | None = None,
) -> list[tuple[str, str, bool]]:
    """(label, value, personal) for the given fields (default: all) present in the data
    (`roles`: see `display`)."""
    every = sorted(f for f in data if f not in INTERNAL_FIELDS)
    names = [f for f in (fields if fields is not None else every) if f in data]
    return [
        (
            label(t, index, f),
            display(t, index, f, data[f], roles),
            bool(index.get(f, {}).get("x-personal")),
        )
        for f in names
    ]
