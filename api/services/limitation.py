"""The person limited sharing her data with an agency (`consent_withdrawn_from`, recorded by
the message `consent_withdrawn` or `consent_limited`, or a task whose form asks it): sharing
with that agency stops from then on. It keeps what it had — the trail up to the limitation,
its own steps and decisions, its own open tasks — but no longer follows the case (page review
P-2). `api/services/visibility.py` applies it to personal fields; this module dates it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select as core_select
from sqlmodel import Session, SQLModel, select

from engine.library import LoadedVersion
from engine.models import Case

CONSENT_WITHDRAWN_FROM = "consent_withdrawn_from"

_TASKS = SQLModel.metadata.tables["human_task"]
_EVENTS = SQLModel.metadata.tables["audit_event"]


def withdrawn_from(data: Mapping[str, Any], agency: str) -> bool:
    """True when the person withdrew consent to share her data with the agency."""
    named = data.get(CONSENT_WITHDRAWN_FROM)
    return isinstance(named, list) and agency in named


@dataclass(frozen=True)
class Limitation:
    """The person limited sharing her data with an agency (it is in `consent_withdrawn_from`):
    since the trail's entry `event_id` (recorded `since`), the agency sees no later step of
    the case but its own."""

    agency: str
    since: datetime
    event_id: int

    def keeps(self, event_id: int | None, agency: str | None) -> bool:
        """True for a trail entry the agency may still see: before the limitation, or its
        own."""
        return agency == self.agency or (event_id is not None and event_id < self.event_id)


def limitation(
    session: Session, loaded: LoadedVersion, case_id: str, agency: str, data: Mapping[str, Any]
) -> Limitation | None:
    """When the case data names the agency in `consent_withdrawn_from`: the first step that
    recorded a withdrawal or limitation (a message or a task whose form asks
    `consent_withdrawn_from`). The trail keeps no values, so a later limitation adding the
    agency is dated by the first one: the agency loses a little more, never less. With no
    such step in the trail (data set otherwise), it keeps only its own entries."""
    if not withdrawn_from(data, agency):
        return None
    by_message = {
        m.message
        for m in loaded.bundle.messages.values()
        if m.schema and _asks_withdrawal(loaded.bundle.form(m.schema))
    }
    rows = session.connection().execute(
        core_select(_EVENTS.c.id, _EVENTS.c.at, _EVENTS.c.action, _EVENTS.c.detail, _TASKS.c.form)
        .select_from(_EVENTS.outerjoin(_TASKS, _TASKS.c.id == _EVENTS.c.task_id))
        .where(
            _EVENTS.c.case_id == case_id,
            _EVENTS.c.action.in_(["message.delivered", "task.completed"]),
        )
        .order_by(_EVENTS.c.id)
    )
    for event_id, at, action, detail, form in rows:
        if action == "message.delivered":
            found = (detail or {}).get("message") in by_message
        else:
            found = _asks_withdrawal(loaded.bundle.form(form))
        if found and event_id is not None:
            return Limitation(agency, at, event_id)
    first = session.exec(select(Case.created_at).where(Case.id == case_id)).first()
    return Limitation(agency, first or datetime.min, 0)


def _asks_withdrawal(form: Mapping[str, Any] | None) -> bool:
    """True for a form that records to whom sharing stops (asks it, not only shows it)."""
    return CONSENT_WITHDRAWN_FROM in ((form or {}).get("properties") or {})
