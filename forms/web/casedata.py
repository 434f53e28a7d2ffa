"""Case data for pages: field labels from the case's own process version, read-only rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from api.services import visibility
from engine.facade import Engine
from forms import fieldlabels
from forms.fieldlabels import FieldIndex
from forms.translate import Translator

_INDEXES: dict[int, FieldIndex] = {}


def version_index(engine: Engine, session: Session, case: visibility.CaseLike) -> FieldIndex:
    """Labels of every field the forms of the case's version declare (cached per version)."""
    found = _INDEXES.get(case.process_version_id)
    if found is None:
        loaded = visibility.version_of(engine, session, case)
        found = fieldlabels.field_index(dict(loaded.bundle.forms))
        _INDEXES[case.process_version_id] = found
    return found


def context_rows(
    t: Translator,
    index: FieldIndex,
    schema: Mapping[str, Any] | None,
    data: Mapping[str, Any],
    roles: Mapping[str, str] | None = None,
) -> list[tuple[str, str, bool]]:
    """The earlier case fields a form shows read-only (`x-context`), as far as projected
    (a choice naming a role of the case with the agency holding it, `roles`)."""
    wanted = [str(f) for f in (schema or {}).get("x-context") or []]
    return fieldlabels.rows(t, index, data, wanted, roles)


def caught_by(history: list[Any]) -> dict[str, str]:
    """The catching task of each recorded message in the trail (task id -> message name)."""
    found: dict[str, str] = {}
    for event in history:
        detail = event.detail or {}
        name, tasks = detail.get("message"), detail.get("tasks")
        if name and isinstance(tasks, str) and tasks:
            found[tasks.split(",")[0]] = str(name)
    return found


def delivered_rows(
    t: Translator,
    index: FieldIndex,
    history: list[Any],
    found: Mapping[str, Any],
    each: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[int, tuple[str, list[tuple[str, str, bool]]]]:
    """Per timeline entry (its place in `history`) that recorded a message: the message's
    title in the page language and what it set as label/value rows: the values that delivery
    recorded (`each`, by its catching task, page review P-2), else — an entry older than the
    trail's catching tasks — on the latest entry of that message only, the case's values now
    (`api/services/timeline.delivered`)."""
    each = each or {}
    latest: dict[str, int] = {}
    for at, event in enumerate(history):
        name = (event.detail or {}).get("message")
        if name in found:
            latest[str(name)] = at
    shown: dict[int, tuple[str, list[tuple[str, str, bool]]]] = {}
    for at, event in enumerate(history):
        name = str((event.detail or {}).get("message") or "")
        if name in found:
            said = found[name]
            caught = str((event.detail or {}).get("tasks") or "").split(",")[0]
            if caught in each:
                own = dict(each[caught])
                rows = fieldlabels.rows(t, index, own, list(own))
            elif latest[name] == at:
                rows = fieldlabels.rows(t, index, said.values, list(said.values))
            else:
                rows = []
            shown[at] = (t.form(said.title), rows)
    return shown
