"""Cases halted after a runaway step (api/stephosts.py stops it): recorded, audited, resumed.

A step killed at the step hosts' wall-clock limit left nothing behind (its transaction died
with its process). Its case gets a `case_halt` row naming the element whose code was
running: the timer rounds skip it (else a runaway timer would be fired, and stopped, every
round), until an administrator resumes it (`nrm cases resume`), typically after deploying
a fixed diagram and moving the case to it. People's steps on the case are still tried: each
is bounded by the same limit and answered with a problem naming the element.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from engine import audit
from engine.errors import UnknownCaseError
from engine.models import Case, CaseHalt


def halt(
    session: Session,
    *,
    case_id: str,
    process_id: str | None,
    element_id: str | None,
    reason: str,
    now: datetime,
) -> bool:
    """Record the halt (once: a case halted already keeps its first record) and audit it;
    False when the case does not exist (a start that never committed)."""
    if session.get(Case, case_id) is None:
        return False
    if session.get(CaseHalt, case_id) is None:
        session.add(
            CaseHalt(
                case_id=case_id,
                process_id=process_id,
                element_id=element_id,
                reason=reason[:500],
                halted_at=now,
            )
        )
        session.flush()
    audit.record(
        session,
        at=now,
        actor="system",
        action="case.halted",
        case_id=case_id,
        detail={"process_id": process_id, "element_id": element_id, "reason": reason[:500]},
    )
    return True


def resume(session: Session, *, case_id: str, actor: str, now: datetime) -> bool:
    """Remove the halt (audited); False when the case was not halted."""
    if session.get(Case, case_id) is None:
        raise UnknownCaseError(f"No case {case_id}.", case_id=case_id)
    row = session.get(CaseHalt, case_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    audit.record(session, at=now, actor=actor, action="case.resumed", case_id=case_id)
    return True
