"""Access records: every response that contains personal fields writes one, before it is sent."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlmodel import Session, col, select

from api.models import AccessRecord
from api.schemas import AccessLogPublic, AccessRecordPublic
from api.services import visibility
from api.services.policy import Caller, supervising_agency
from engine.db import read_session, write_session
from engine.errors import UnknownCaseError
from engine.facade import Engine
from engine.models import Case

ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


def record(
    *,
    engine: Engine,
    caller: Caller,
    case_id: str,
    fields: Sequence[str],
    endpoint: str,
    task_id: str | None = None,
) -> None:
    """Write one access record in its own transaction (nothing when no personal field)."""
    if not fields:
        return
    with write_session(engine.db) as session:
        add(
            session,
            engine=engine,
            caller=caller,
            case_id=case_id,
            fields=fields,
            endpoint=endpoint,
            task_id=task_id,
        )
        session.commit()


def add(
    session: Session,
    *,
    engine: Engine,
    caller: Caller,
    case_id: str,
    fields: Sequence[str],
    endpoint: str,
    task_id: str | None = None,
) -> None:
    """Add one access record to the caller's transaction (nothing when no personal field)."""
    if not fields:
        return
    engine.add_access_record(
        session,
        at=engine.clock.now(),
        username=caller.username,
        agency=caller.agency,
        case_id=case_id,
        task_id=task_id,
        endpoint=endpoint,
        fields=fields,
    )


def read(*, engine: Engine, caller: Caller, case_id: str) -> AccessLogPublic:
    """A case's access records as the caller may read them: an administrator every agency's;
    a supervisor only their own agency's, of a case their agency takes part in (else 403);
    everyone else 403."""
    with read_session(engine.db) as session:
        if "admin" in caller.roles:
            if not ID.match(case_id) or session.get(Case, case_id) is None:
                raise UnknownCaseError(f"No case {case_id[:64]}.")
            return list_for_case(session=session, case_id=case_id)
        agency = supervising_agency(caller)
        case = session.get(Case, case_id) if ID.match(case_id) else None
        if case is None:
            raise UnknownCaseError(f"No case {case_id[:64]}.")
        visibility.require_participant(session, case, agency)
        return list_for_case(session=session, case_id=case_id, agency=agency)


def list_for_case(*, session: Session, case_id: str, agency: str | None = None) -> AccessLogPublic:
    """A case's access records, oldest first (only one agency's, when given)."""
    query = select(AccessRecord).where(AccessRecord.case_id == case_id)
    if agency is not None:
        query = query.where(AccessRecord.agency == agency)
    rows = session.exec(query.order_by(col(AccessRecord.at), col(AccessRecord.id))).all()
    return AccessLogPublic(
        data=[
            AccessRecordPublic(
                at=r.at,
                username=r.username,
                agency=r.agency,
                endpoint=r.endpoint,
                task_id=r.task_id,
                fields=list(r.fields),
            )
            for r in rows
        ]
    )
