"""Messages from outside to a waiting case: what it waits for, and sending one."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from api.errors import NotParticipantError
from api.schemas import MessagePublic, MessagesPublic, StepPublic
from api.services import idempotency, steps, visibility
from api.services.policy import Caller, casework_agency
from engine.db import read_session
from engine.errors import UnknownCaseError
from engine.facade import Engine
from engine.models import Case


def awaited(*, engine: Engine, session: Session, caller: Caller, case: Case) -> MessagesPublic:
    """What the case waits for now, with the form of each message's content."""
    agency = casework_agency(caller)
    loaded = visibility.version_of(engine, session, case)
    items = []
    for message in engine.awaited_messages(case.id):
        schema = loaded.bundle.form(message.schema)
        items.append(
            MessagePublic(
                name=message.name,
                title=message.title,
                senders=list(message.senders),
                may_send=agency in message.senders,
                form=message.schema,
                form_schema=dict(schema) if schema is not None else None,
                element_id=message.element_id,
                process_id=message.process_id,
            )
        )
    return MessagesPublic(items=items)


def send(
    *,
    engine: Engine,
    caller: Caller,
    case_id: str,
    name: str,
    data: dict[str, Any],
    idempotency_key: str | None,
) -> tuple[int, StepPublic]:
    """Deliver a message from the caller's agency (a sender of a message the case waits for
    may send it before it has taken part in the case; others only see cases they take part
    in). The engine refuses a message the case does not wait for (409), from an agency not
    among its senders (403), or whose content its form refuses (422)."""
    agency = casework_agency(caller)
    with read_session(engine.db) as session:
        case = session.get(Case, case_id)
        if case is None:
            raise UnknownCaseError(f"No case {case_id[:64]}.", case_id=case_id[:64])
        try:
            visibility.require_participant(session, case, agency)
        except NotParticipantError:
            senders = {s for m in engine.awaited_messages(case.id) for s in m.senders}
            if agency not in senders:
                raise
    request = steps.StepRequest(
        caller=caller,
        agency=agency,
        endpoint="POST /cases/{id}/messages",
        status_code=200,
        key=idempotency_key,
        digest=idempotency.request_hash(
            {"op": "message", "case_id": case_id, "name": name, "data": data}
        )
        if idempotency_key
        else "",
    )
    return steps.run(
        engine=engine,
        request=request,
        step=lambda within: engine.deliver_message(
            case_id, name, data, actor=caller.username, agency=agency, within=within
        ),
    )
