"""What the case page says of the answers a case waits for and of the person's referral."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from api.services import timeline
from forms import timewords
from forms.translate import Translator
from forms.web.messages import PERSON_MESSAGES, message_title
from forms.web.soplabel import HEARING


@dataclass(frozen=True)
class Awaited:
    """What the case page says of the answers the case waits for (pages review 3, P3-10):
    what the person told us — a button for each the viewer's agency may record, the day each
    was recorded — apart from what other agencies report (a link each the viewer may record);
    what only others record is a note of who records what, never a line that reads as a fact."""

    buttons: list[tuple[str, str]]  # (message name, button's words)
    recorded: list[tuple[str, str]]  # (what she told us, the day it was last recorded)
    person_others: list[tuple[str, str]]  # (what, the agencies recording it)
    answers: list[tuple[Any, str]]  # (message, title) the viewer may record
    answers_others: list[tuple[str, str]]  # (title, the agencies recording it)


def awaited_view(
    t: Translator,
    awaited: list[Any],
    of_tasks: frozenset[str],
    history: list[Any],
    delivered: Mapping[str, timeline.Delivered],
    hearings: bool = True,
) -> Awaited:
    """The answers the case waits for, split as the case page shows them (`Awaited`); a
    court's hearing only where the person takes part in proceedings (`hearings`; P3-12: a
    case whose person refused a police report runs only the non-punishment decision)."""
    last: dict[str, datetime] = {}
    for event in history:
        name = (event.detail or {}).get("message")
        if event.action == "message.delivered" and name:
            last[str(name)] = event.at
    view = Awaited([], [], [], [], [])
    waiting = {m.name: m for m in awaited}
    for name, (label, _submit) in PERSON_MESSAGES.items():
        message = waiting.get(name)
        if message is not None and message.may_send:
            view.buttons.append((name, t(label)))
        elif message is not None:
            view.person_others.append((t(label), _agencies(t, message.senders)))
        if name in last:
            day = timewords.day(last[name].astimezone(timewords.BISHKEK).date(), t.lang)
            said = delivered.get(name)
            view.recorded.append((t.form(said.title) if said else t(label), day))
    for message in awaited:
        if message.name in PERSON_MESSAGES or (message.name == HEARING and not hearings):
            continue
        if message.may_send:
            view.answers.append((message, message_title(message, of_tasks)))
        else:
            view.answers_others.append(
                (t.form(message_title(message, of_tasks)), _agencies(t, message.senders))
            )
    return view


def _agencies(t: Translator, codes: list[str]) -> str:
    return ", ".join(t(f"agency.{code}") for code in codes)


def referral_said(data: Mapping[str, Any], agency: str, reporter: str) -> tuple[str, str] | None:
    """For the agency that referred the person (first responder or reporter), where her
    referral stands: (key of the words, receiver's code) — waiting, accepted or declined
    (P3-9: the NGO that sent her for a bed tonight sees whether anyone took her)."""
    receiver = data.get("referral_receiver")
    if agency not in (data.get("first_responder"), reporter) or not isinstance(receiver, str):
        return None
    decision = data.get("referral_decision")
    if decision == "accepted":
        return "case.referral.accepted", receiver
    if decision == "declined":
        return "case.referral.declined", receiver
    return "case.referral.waiting", receiver
