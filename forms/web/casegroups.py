"""The case page's data: what each step recorded, grouped under the step, and the answers that
say what a step decided (its timeline lines)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.library import LoadedVersion
from engine.views import TaskView
from forms import fieldlabels, formview
from forms.fieldlabels import INTERNAL_FIELDS, FieldIndex
from forms.translate import Translator

DECISION_WIDGETS = frozenset({"select", "radio", "yesno"})


def key_fields(index: FieldIndex, answers: Mapping[str, Any]) -> list[str]:
    """The answers that say what was decided: the form's choices (a yes/no, one option or
    several), in the form's order, every one the agency may know (`answers` is already its
    need-to-know share): a cut after the first few hid a refused police report (review F-E)."""
    chosen = []
    for name in answers:
        prop = index.get(name) or {}
        widget = formview.widget_of(prop)
        if widget in DECISION_WIDGETS or (widget == "checkboxes" and formview.choices_of(prop)):
            chosen.append(name)
    return chosen


@dataclass(frozen=True)
class DataGroup:
    """The case data one step recorded, under the step's name: the report, or a completed
    task (its answers as it sent them, so a task done again — a service per period — keeps
    its own values), or what the procedure recorded besides (decisions, messages)."""

    kind: str  # report | task | other
    title: str
    agency: str | None
    at: datetime | None
    rows: list[tuple[str, str, bool]]


def _form_fields(loaded: LoadedVersion, form: str | None) -> list[str]:
    props = (loaded.bundle.form(form) or {}).get("properties") or {}
    return [name for name in props if name not in INTERNAL_FIELDS]


def data_groups(
    t: Translator,
    index: FieldIndex,
    loaded: LoadedVersion,
    data: Mapping[str, Any],
    *,
    case: Any,
    order: list[str],
    done: Mapping[str, TaskView],
    sent: Mapping[str, Mapping[str, Any]],
) -> list[DataGroup]:
    """The data this agency may see, grouped by the step that recorded it in the order the
    steps were done (review F-Q: one flat list, later answers overwriting earlier ones and
    "Решение" without saying which decision): the report first, then each completed task
    with the answers it sent; a personal field (never among the answers as sent) under the
    last task whose form asks it; a report's answer a later step asked again under that
    step; what no step's form asks last."""
    groups: list[DataGroup] = []
    shown: set[str] = set()
    tasks = [done[i] for i in dict.fromkeys(order) if i in done]
    asked = {task.id: _form_fields(loaded, task.form) for task in tasks}
    last_asking: dict[str, str] = {}
    for task in tasks:
        for name in asked[task.id]:
            last_asking[name] = task.id
    for task in tasks:
        answers = dict(sent.get(task.id) or {})
        fields = [f for f in asked[task.id] if f in answers]
        answered = {f: answers[f] for f in fields}
        for name in asked[task.id]:  # personal ones: the case's value, where last asked
            if name not in answered and name in data and last_asking.get(name) == task.id:
                if index.get(name, {}).get("x-personal") and name not in shown:
                    answered[name] = data[name]
        names = [f for f in asked[task.id] if f in answered]
        if not names:
            continue
        groups.append(
            DataGroup(
                "task",
                t.task_name(task.name),
                task.agency,
                task.completed_at,
                fieldlabels.rows(t, index, answered, names),
            )
        )
        shown.update(names)
    # the report: what no later step asked again (those are under the step, as it sent them)
    report = [
        f
        for f in _form_fields(loaded, loaded.definition.start_form)
        if f in data and f not in shown
    ]
    if report:
        rows = fieldlabels.rows(t, index, data, report)
        groups.insert(
            0,
            DataGroup(
                "report", t("case.data_report"), case.reporting_agency, case.created_at, rows
            ),
        )
        shown.update(report)
    rest = [f for f in data if f not in shown and f not in INTERNAL_FIELDS]
    if rest:
        rows = sorted(fieldlabels.rows(t, index, data, rest), key=lambda r: r[0].casefold())
        groups.append(DataGroup("other", t("case.data_other"), None, None, rows))
    return groups
