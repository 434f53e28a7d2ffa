"""Whom the person may stop sharing her data with, on the forms that withdraw or limit her
consent (pages review 3, P3-11): every agency that holds or may receive her data in this
case — those with open tasks first (named), then those that took part or are named as her
receiver, then those whose lanes the case's procedures may still give a task — not a fixed
few that left out the social services, the prosecutor and the NGO actually handling her."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from api.services import visibility
from engine.agencies import resolve_lane
from engine.facade import Engine
from engine.models import Case, HumanTask, TaskStatus
from forms import formview
from forms.formview import Section
from forms.translate import Translator

FIELD = "consent_withdrawn_from"
RECEIVER_FIELDS = ("referral_receiver", "first_responder", "return_receiving_agency")


def case_agencies(
    engine: Engine, session: Session, case: Case, data: Mapping[str, Any]
) -> dict[str, tuple[str, list[str]]]:
    """Per agency of the case, in the order the form lists them: how it holds her data
    (`open`: with these open tasks, `took_part`, `later`) and its open tasks' names."""
    rows = session.exec(
        select(HumanTask.agency, HumanTask.status, HumanTask.name)
        .where(HumanTask.case_id == case.id)
        .order_by(col(HumanTask.created_at))
    ).all()
    open_tasks: dict[str, list[str]] = {}
    took_part: list[str] = [case.reporting_agency]
    for agency, status, name in rows:
        if not agency:
            continue
        if status == TaskStatus.READY:
            open_tasks.setdefault(agency, []).append(name)
        took_part.append(agency)
    took_part += [str(data[f]) for f in RECEIVER_FIELDS if isinstance(data.get(f), str)]
    loaded = visibility.version_of(engine, session, case)
    params = engine.settings.params
    later = [resolve_lane(task.lane_id, data, params) for task in loaded.bundle.tasks.values()]
    found: dict[str, tuple[str, list[str]]] = {a: ("open", n) for a, n in open_tasks.items()}
    for agency in took_part:
        found.setdefault(agency, ("took_part", []))
    for code in later:
        if code:
            found.setdefault(code, ("later", []))
    return found


def narrow(
    t: Translator,
    sections: list[Section],
    agencies: Mapping[str, tuple[str, list[str]]],
    already: list[str],
) -> dict[str, str]:
    """Offer the agencies of the case, in that order (and any named before), each worded with
    how it holds her data; the words per agency code for the page (`option_names`)."""
    words: dict[str, str] = {}
    for section in sections:
        for field in section.fields:
            if field.name != FIELD:
                continue
            offered = {c.value: c for c in field.choices}
            order = [a for a in agencies if a in offered]
            order += [a for a in already if a in offered and a not in order]
            if not order:
                return {}
            field.choices = [offered[a] for a in order]
            for code in order:
                words[code] = _words(t, code, agencies.get(code, ("took_part", [])))
    return words


def _words(t: Translator, code: str, held: tuple[str, list[str]]) -> str:
    how, tasks = held
    agency = t(f"agency.{code}") if t.has(f"agency.{code}") else code
    if how == "open":
        named = ", ".join(f"«{t.task_name(name)}»" for name in dict.fromkeys(tasks))
        return t("case.withdraw_from.open", agency=agency, tasks=named)
    if how == "later":
        return t("case.withdraw_from.later", agency=agency)
    return t("case.withdraw_from.took_part", agency=agency)


def asks_whom(schema: Mapping[str, Any] | None) -> bool:
    """True for a form that asks to whom sharing stops."""
    return FIELD in formview.editable(schema)


def serving_warnings(
    t: Translator, words: Mapping[str, str], serving: frozenset[str]
) -> dict[str, str]:
    """A warning beside each agency offered that serves the person now (pages review 4,
    P4-5: the only agency giving her a bed was cut off with no word that she then needs
    another): ticking it ends what it does for her."""
    return {code: t("case.withdraw_from.serving") for code in words if code in serving}


def serving(session: Session, case: Case, data: Mapping[str, Any]) -> frozenset[str]:
    """The agencies serving the person now: open tasks outside the deciding and police lanes,
    and the receiver of her referral."""
    receiver = visibility.agreed_receiver(data)
    return visibility.open_agencies(session, case.id) | ({receiver} if receiver else set())
