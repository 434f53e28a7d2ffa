"""Reports that may name a person already reported, and reports already sent.

A report looks like an earlier one when both give the same pseudonym (letter case and
spaces aside) and region, and the same date of birth or, without one on either side, the
same age band, within the parameter `duplicate_report_days`. Only cases the reporter's
agency takes part in are named; nothing is merged — the reporter decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from api.models import IdempotencyKey
from api.services import access_log, visibility
from api.services.policy import Caller, starting_agency
from engine.db import read_session
from engine.facade import Engine
from engine.facts import age_group
from engine.models import Case


@dataclass(frozen=True)
class EarlierCase:
    """A case the reporter's agency may open."""

    id: str
    number: str
    created_at: datetime
    compared: tuple[str, ...] = ()  # its personal fields the match tells the reporter


def similar(
    *, engine: Engine, session: Session, caller: Caller, process_id: str, data: Mapping[str, Any]
) -> list[EarlierCase]:
    """Recent cases of the reporter's agency that look like the same person, newest first."""
    agency = starting_agency(caller)
    if not _name(data.get("pseudonym")):
        return []
    days = int(engine.settings.params["duplicate_report_days"])
    since = engine.clock.now() - timedelta(days=days)
    found = session.exec(
        select(Case)
        .where(
            Case.process_id == process_id,
            col(Case.created_at) >= since,
            visibility.takes_part(agency),
        )
        .order_by(col(Case.created_at).desc())
    ).all()
    earlier = []
    for case in found:
        old = engine.get_case(case.id).data
        if same_person(data, old):
            compared = tuple(f for f in PERSONAL if data.get(f) and old.get(f))
            earlier.append(EarlierCase(case.id, case.number, case.created_at, compared))
    return earlier


def record_access(*, engine: Engine, caller: Caller, earlier: list[EarlierCase]) -> None:
    """An access record on each case named to the reporter whose personal fields the match
    discloses (a warning that a case has this date of birth tells the reporter so)."""
    for case in earlier:
        access_log.record(
            engine=engine,
            caller=caller,
            case_id=case.id,
            fields=case.compared,
            endpoint="POST /report (looks like an earlier report)",
        )


# The personal fields `same_person` compares.
PERSONAL = ("date_of_birth",)


def same_person(new: Mapping[str, Any], old: Mapping[str, Any]) -> bool:
    """Same pseudonym and region, and the same date of birth or else age band."""
    if _name(new.get("pseudonym")) != _name(old.get("pseudonym")):
        return False
    if new.get("region") != old.get("region"):
        return False
    if new.get("date_of_birth") and old.get("date_of_birth"):
        return bool(new["date_of_birth"] == old["date_of_birth"])
    return age_group(new.get("age")) == age_group(old.get("age"))


def _name(value: Any) -> str:
    return " ".join(str(value).split()).casefold() if value else ""


def sent(*, engine: Engine, caller: Caller, key: str) -> EarlierCase | None:
    """The case a report sent with this one-time key opened, if it was sent."""
    with read_session(engine.db) as session:
        row = session.exec(
            select(IdempotencyKey).where(
                IdempotencyKey.username == caller.username, IdempotencyKey.key == key
            )
        ).first()
        case = session.get(Case, row.case_id) if row is not None else None
    return EarlierCase(case.id, case.number, case.created_at) if case is not None else None
