"""Case data for pages: field labels from the case's own process version, read-only rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from api.services import childsafety, visibility
from engine.facade import Engine
from engine.forms import declared_fields
from forms import fieldlabels, timewords
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
    wanted = [f for f in wanted if not _repeats(f, data)]
    return fieldlabels.rows(t, index, data, wanted, roles)


# A field that, once recorded, is also the case's value of another: shown once (pages review
# 4, P4-3: "Guardian: G. A." and "Guardian appointed instead: G. A." on the same task).
REPEATS = {"child_new_guardian_name": "child_guardian_name"}


def _repeats(field: str, data: Mapping[str, Any]) -> bool:
    other = REPEATS.get(field)
    return other is not None and data.get(field) is not None and data.get(field) == data.get(other)


SUSPECT, SUSPECT_RELATION = "child_guardian_suspected_name", "child_guardian_suspected_relation"
SUSPECT_FIELDS = (SUSPECT, SUSPECT_RELATION)


@dataclass(frozen=True)
class ChildSafety:
    """What a page of a child's case says of the child's safety beyond its own form (pages
    review 4, P4-3/P4-4): who is suspected (a sentence: by name where the agency may know it,
    else by relation only) and the other facts as rows."""

    suspect: str | None
    rows: list[tuple[str, str, bool]]
    # why the return's consent is asked again: the withdrawal was not acted on (P4-12)
    again: str | None = None


def suspect_said(
    t: Translator, index: FieldIndex, data: Mapping[str, Any], rest: list[str]
) -> ChildSafety:
    """The suspect in `data` as a sentence, and the `rest` of its fields as rows."""
    name, relation = data.get(SUSPECT), data.get(SUSPECT_RELATION)
    said = fieldlabels.display(t, index, SUSPECT_RELATION, relation) if relation else None
    suspect = None
    if name:
        suspect = t("task.child_suspect.named", name=str(name), relation=said or "—")
    elif said:
        suspect = t("task.child_suspect.relation", relation=said)
    return ChildSafety(suspect, fieldlabels.rows(t, index, data, rest))


def child_safety(
    t: Translator,
    index: FieldIndex,
    agency: str,
    schema: Mapping[str, Any] | None,
    data: Mapping[str, Any],
) -> ChildSafety | None:
    """The child's safety as a task of this agency shows it (its projected `data` kept the
    fields only in a child's case: `childsafety.child_safety_fields`), leaving out what its
    form already shows; None when there is nothing to say."""
    declared = declared_fields(schema)
    wanted = [
        f
        for f in childsafety.CHILD_SAFETY_FIELDS.get(agency, ())
        if data.get(f) is not None and f not in declared
    ]
    overruled = [f for f in wanted if f in childsafety.WITHDRAWAL_OVERRULED]
    wanted = [f for f in wanted if f not in overruled]
    again = _not_acted_on(t, data) if overruled else None
    if not wanted and again is None:
        return None
    shown = {f: data[f] for f in wanted}
    said = suspect_said(t, index, shown, [f for f in wanted if f not in SUSPECT_FIELDS])
    return ChildSafety(said.suspect, said.rows, again)


def _not_acted_on(t: Translator, data: Mapping[str, Any]) -> str | None:
    """ "Asked again: the withdrawal of 5 Jan was not acted on (child protection's
    best-interests decision of 6 Jan)" — None unless the case says so."""
    if data.get("return_child_withdrawal_not_acted_on") is not True:
        return None
    withdrawn = timewords.date_text(data.get("consent_withdrawn_on"), t.lang) or "—"
    decided = timewords.date_text(data.get("child_withdrawal_best_interests_date"), t.lang)
    return t("task.withdrawal_not_acted_on", withdrawn=withdrawn, decided=decided or "—")


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
