"""What happened in a case, as an agency may read it: its trail (history), the answers its
completed tasks recorded, the messages delivered to it and the case fields an answer's form shows
beside it — all within need to know (api/services/visibility), never personal fields (those are
shown, access-logged, only on a task's own page)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from api.schemas import HistoryEvent, HistoryPublic
from api.services import limitation, visibility
from api.services.policy import Caller, casework_agency
from engine.facade import Engine
from engine.library import LoadedVersion
from engine.models import AuditEvent, Case, HumanTask


def history(
    *, session: Session, case: Case, limited: limitation.Limitation | None = None
) -> HistoryPublic:
    """The case's audit trail: who, agency, when, what, which task (no data); for an agency
    the person stopped sharing with (`limited`), only the entries before the limitation and
    its own (review P-2)."""
    events = [
        e
        for e in session.exec(
            select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(col(AuditEvent.id))
        ).all()
        if limited is None or limited.keeps(e.id, e.agency)
    ]
    return HistoryPublic(
        data=[
            HistoryEvent(
                at=e.at,
                actor=e.actor,
                agency=e.agency,
                action=e.action,
                task_id=e.task_id,
                task_name=e.task_name,
                detail=_shown(e.detail),
            )
            for e in events
        ]
    )


@dataclass(frozen=True)
class Answers:
    """What completed tasks recorded, as the caller's agency may read it: the answers shown
    per task, and the tasks some of whose answers need to know keeps from it."""

    shown: dict[str, dict[str, Any]]
    withheld: frozenset[str]


def answers(
    *, engine: Engine, session: Session, caller: Caller, case: Case, task_ids: list[str]
) -> Answers:
    """What each completed task of the case recorded, as it was sent: the fields its form
    asks that the caller's agency may see in this case (need to know), never personal ones
    (the task's own page shows those, access-logged), in the form's order."""
    loaded, _, allowed, personal = _readable(engine, session, caller, case)
    rows = session.exec(
        select(HumanTask.id, HumanTask.form).where(
            HumanTask.case_id == case.id, col(HumanTask.id).in_(task_ids)
        )
    ).all()
    forms: dict[str, str | None] = dict(rows)
    found: dict[str, dict[str, Any]] = {}
    withheld: set[str] = set()
    for task_id, sent in engine.completed_task_data(case.id, list(forms)).items():
        props = (loaded.bundle.form(forms[task_id]) or {}).get("properties") or {}
        asked = {
            name: sent[name]
            for name, prop in props.items()
            if name in sent and not (isinstance(prop, dict) and prop.get("readOnly"))
        }
        found[task_id] = {
            name: value for name, value in asked.items() if name in allowed and name not in personal
        }
        if any(name not in allowed for name in asked):
            withheld.add(task_id)
    return Answers(shown=found, withheld=frozenset(withheld))


# Details of the trail a case's history shows: names and rungs, never data or free text
# (`message`: the name of a message recorded, its values are read by `delivered`).
SHOWN_DETAIL = (
    "over_claim_of",
    "assignee",
    "was_claimed_by",
    "rung",
    "to_agency",
    "to_role",
    "message",
    "tasks",  # a recorded message's catching tasks (comma-separated ids): its own values
)


def known_to(
    *, engine: Engine, session: Session, caller: Caller, case: Case, fields: list[str]
) -> dict[str, Any]:
    """Of these case fields, the values the caller's agency may see (need to know), never
    personal ones (not access-logged): what an answer's form shows beside it (`x-context`:
    the consent recorded so far, beside a limitation of it; page review F-Z)."""
    agency = casework_agency(caller)
    view = engine.get_case(case.id)
    projection = visibility.projected_data(
        engine=engine, session=session, case=case, agency=agency, data=view.data
    )
    return {
        name: projection.data[name]
        for name in fields
        if name in projection.data and name not in projection.personal
    }


@dataclass(frozen=True)
class Delivered:
    """A message recorded in a case, as the caller's agency may read it: its form's title
    and the values its fields hold in the case now (need to know, never personal ones)."""

    title: str
    values: dict[str, Any]


def delivered(
    *, engine: Engine, session: Session, caller: Caller, case: Case, names: list[str]
) -> dict[str, Delivered]:
    """Per message name recorded in the case, what it set (page review F-Z: "the person
    limited her consent" read only "Answer recorded"): the fields of its form the case
    holds — the state the latest such message left, which the trail (a hash of the data,
    no values) cannot give for an earlier one — within the caller's agency's need to know.
    A field a later step recorded again (a withdrawal after a limitation: its date, the
    agencies) holds that step's value, not this message's, and is left out (page review
    P-2)."""
    loaded, data, allowed, personal = _readable(engine, session, caller, case)
    changed = _changed_after(session, loaded, case.id)
    found: dict[str, Delivered] = {}
    for name in dict.fromkeys(n for n in names if n):
        info = next(
            (m for m in loaded.bundle.messages.values() if m.message == name and m.schema), None
        )
        if info is None:
            continue
        schema = loaded.bundle.form(info.schema) or {}
        props = schema.get("properties") or {}
        found[name] = Delivered(
            title=str(schema.get("title") or info.title or name),
            values={
                field: data[field]
                for field, prop in props.items()
                if field in data
                and not (isinstance(prop, dict) and prop.get("readOnly"))  # the case's copy
                and field in allowed
                and field not in personal
                and field not in changed.get(name, ())
            },
        )
    return found


def _changed_after(session: Session, loaded: LoadedVersion, case_id: str) -> dict[str, set[str]]:
    """Per message name, the fields later steps (another message delivered, a task
    completed) recorded after its latest delivery: read from the trail's order and the
    steps' forms (their own questions, not `readOnly` copies)."""
    schemas = {m.message: m.schema for m in loaded.bundle.messages.values() if m.schema}
    rows = session.exec(
        select(AuditEvent.action, AuditEvent.detail, HumanTask.form)
        .outerjoin(HumanTask, col(HumanTask.id) == col(AuditEvent.task_id))
        .where(
            AuditEvent.case_id == case_id,
            col(AuditEvent.action).in_(["message.delivered", "task.completed"]),
        )
        .order_by(col(AuditEvent.id))
    ).all()
    steps: list[tuple[str | None, set[str]]] = []
    for action, detail, form in rows:
        name = (detail or {}).get("message") if action == "message.delivered" else None
        schema = loaded.bundle.form(schemas.get(name) if name else form) or {}
        asked = {
            field
            for field, prop in (schema.get("properties") or {}).items()
            if not (isinstance(prop, dict) and prop.get("readOnly"))
        }
        steps.append((name, asked))
    changed: dict[str, set[str]] = {}
    for at, (name, _) in enumerate(steps):
        if name:
            changed[name] = set().union(*(asked for _, asked in steps[at + 1 :]))
    return changed


def _readable(
    engine: Engine, session: Session, caller: Caller, case: Case
) -> tuple[LoadedVersion, dict[str, Any], Collection[str], frozenset[str]]:
    """The case's version, its data, the fields need to know lets the caller's agency read in
    it, and the personal fields (which these views never show)."""
    agency = casework_agency(caller)
    loaded = visibility.version_of(engine, session, case)
    data = engine.get_case(case.id).data
    allowed = visibility.agency_case_fields(
        session, loaded, case, agency, data=data, params=engine.settings.params
    )
    return loaded, data, allowed, visibility.case_personal_fields(loaded)


def _shown(detail: dict[str, Any]) -> dict[str, str | int | None] | None:
    shown = {
        k: ",".join(map(str, detail[k])) if isinstance(detail[k], list) else detail[k]
        for k in SHOWN_DETAIL
        if k in detail
    }
    return shown or None


def delivered_each(
    *, engine: Engine, session: Session, caller: Caller, case: Case, tasks: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """Per catching task of a recorded message (task id -> message name), the values that
    delivery recorded, as the task holds them since (page review P-2: each delivery its own
    values, not the case's latest): its form's fields, within need to know, never personal."""
    loaded, _, allowed, personal = _readable(engine, session, caller, case)
    forms = {m.message: loaded.bundle.form(m.schema) for m in loaded.bundle.messages.values()}
    found: dict[str, dict[str, Any]] = {}
    for task_id, sent in engine.completed_task_data(case.id, list(tasks)).items():
        props = (forms.get(tasks[task_id]) or {}).get("properties") or {}
        found[task_id] = {
            name: sent[name]
            for name, prop in props.items()
            if name in sent
            and not (isinstance(prop, dict) and prop.get("readOnly"))
            and name in allowed
            and name not in personal
        }
    return found
