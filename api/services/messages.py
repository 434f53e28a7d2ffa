"""Messages from outside to a waiting case: what it waits for, and sending one."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from api.errors import NotParticipantError
from api.schemas import MessagePublic, MessagesPublic, StepPublic
from api.services import idempotency, limitation, steps, visibility
from api.services.policy import Caller, casework_agency
from engine.db import read_session
from engine.errors import MessageNotAwaitedError, NotMessageSenderError, UnknownCaseError
from engine.facade import Engine
from engine.models import Case


def awaited(*, engine: Engine, session: Session, caller: Caller, case: Case) -> MessagesPublic:
    """What the case waits for now, with the form of each message's content; to an agency
    the person stopped sharing her data with, only the messages it may send itself (what
    else the case waits for tells where it is: page review P-2)."""
    agency = casework_agency(caller)
    loaded = visibility.version_of(engine, session, case)
    limited = limitation.withdrawn_from(engine.get_case(case.id).data, agency)
    items = []
    for message in engine.awaited_messages(case.id):
        if limited and agency not in message.senders:
            continue
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


def _require_reader(engine: Engine, session: Session, case: Case, agency: str) -> None:
    """A sender of a message the case waits for may open the case's messages before it has
    taken part in the case; other agencies only cases they take part in (else 403)."""
    try:
        visibility.require_participant(session, case, agency)
    except NotParticipantError:
        senders = {s for m in engine.awaited_messages(case.id) for s in m.senders}
        if agency not in senders:
            raise


def answer(
    *,
    engine: Engine,
    session: Session,
    caller: Caller,
    case_id: str,
    name: str,
    sent_form: str | None = None,
) -> tuple[Case, MessagePublic]:
    """One message the case waits for now, for an agency that may send it (the page's form
    of "Record an answer"): 404 unknown case, 409 the case does not wait for it (any more),
    403 the caller's agency is not among its senders.

    `sent_form` (a posted answer's form file) reads a message the case no longer waits for
    by the form it was sent with, so that a submission sent again under its idempotency key
    replays its first result (`send` answers 409 to anything else)."""
    agency = casework_agency(caller)
    case = session.get(Case, case_id[:64])
    if case is None:
        raise UnknownCaseError(f"No case {case_id[:64]}.", case_id=case_id[:64])
    _require_reader(engine, session, case, agency)
    items = awaited(engine=engine, session=session, caller=caller, case=case).items
    found = next((m for m in items if m.name == name), None)
    if found is None and sent_form:
        found = _sent_with(engine, session, case, name, sent_form)
    if found is None:
        raise MessageNotAwaitedError(
            f"Case {case.number} does not wait for the message {name[:100]!r} now.",
            case_id=case.id,
            message_name=name[:100],
            awaited=[m.name for m in items],
        )
    if not found.may_send:
        raise NotMessageSenderError(
            f"The message {name!r} of case {case.number} is sent by "
            f"{', '.join(found.senders) or 'no agency now'}, not {agency}.",
            case_id=case.id,
            message_name=name,
            senders=found.senders,
        )
    return case, found


def _sent_with(
    engine: Engine, session: Session, case: Case, name: str, form: str
) -> MessagePublic | None:
    """A message of the case's process version by its name and form file, as once sent."""
    loaded = visibility.version_of(engine, session, case)
    for info in loaded.bundle.messages.values():
        schema = loaded.bundle.form(form) if info.schema == form else None
        if info.message == name and schema is not None:
            return MessagePublic(
                name=name,
                title=info.title,
                senders=list(info.senders),
                may_send=True,
                form=form,
                form_schema=dict(schema),
                element_id=info.bpmn_id,
                process_id=info.process_id,
            )
    return None


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
        _require_reader(engine, session, case, agency)
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
