"""Access records: every response that contains personal fields writes one, before it is sent."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from api import rows
from api.models import AccessRecord
from api.schemas import AccessLogPublic, AccessRecordPublic
from api.services.policy import Caller
from engine import store
from engine.db import write_session
from engine.facade import Engine


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
    rows.add_access_record(
        store.sql(session),
        at=engine.clock.now(),
        username=caller.username,
        agency=caller.agency,
        case_id=case_id,
        task_id=task_id,
        endpoint=endpoint,
        fields=fields,
    )


def list_for_case(*, session: Session, case_id: str) -> AccessLogPublic:
    """A case's access records, oldest first."""
    rows = session.exec(
        select(AccessRecord)
        .where(AccessRecord.case_id == case_id)
        .order_by(col(AccessRecord.at), col(AccessRecord.id))
    ).all()
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
