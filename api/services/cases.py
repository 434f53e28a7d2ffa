"""Cases: start one, list the ones an agency takes part in, read one projected, history."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from api.schemas import CaseCreate, CasePublic, CasesPublic, HistoryEvent, HistoryPublic, StepPublic
from api.services import access_log, idempotency, steps, visibility
from api.services.policy import Caller, casework_agency, starting_agency
from api.services.shaping import case_public, task_public
from engine.facade import Engine
from engine.models import AuditEvent, Case, HumanTask, TaskStatus


def start(
    *, engine: Engine, caller: Caller, body: CaseCreate, idempotency_key: str | None
) -> tuple[int, StepPublic]:
    """Start a case; the caller's agency reports it. 201 with the tasks now open."""
    agency = starting_agency(caller)
    request = steps.StepRequest(
        caller=caller,
        agency=agency,
        endpoint="POST /cases",
        status_code=201,
        key=idempotency_key,
        digest=idempotency.request_hash(
            {"op": "start", "process_id": body.process_id, "data": body.data}
        )
        if idempotency_key
        else "",
    )
    return steps.run(
        engine=engine,
        request=request,
        step=lambda within: engine.start_case(
            body.process_id, body.data, agency=agency, actor=caller.username, within=within
        ),
    )


def list_visible(
    *,
    engine: Engine,
    session: Session,
    caller: Caller,
    status: str | None,
    limit: int,
    offset: int,
) -> CasesPublic:
    """Cases the caller's agency takes part in, newest first, with open tasks, no data."""
    agency = casework_agency(caller)
    query = select(Case).where(visibility.takes_part(agency))
    if status is not None:
        query = query.where(Case.status == status)
    cases = session.exec(
        query.order_by(col(Case.created_at).desc(), col(Case.number).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    open_rows = _open_tasks(session, [c.id for c in cases])
    now = engine.clock.now()
    data = []
    for case in cases:
        loaded = visibility.version_of(engine, session, case)
        tasks = [
            task_public(r, case_number=case.number, loaded=loaded, now=now)
            for r in open_rows[case.id]
        ]
        data.append(case_public(case, process_version=loaded.version.version, open_tasks=tasks))
    return CasesPublic(data=data, limit=limit, offset=offset)


def _open_tasks(session: Session, case_ids: list[str]) -> dict[str, list[HumanTask]]:
    """The open tasks of some cases, in one query."""
    found: dict[str, list[HumanTask]] = defaultdict(list)
    if not case_ids:
        return found
    rows = session.exec(
        select(HumanTask)
        .where(col(HumanTask.case_id).in_(case_ids), HumanTask.status == TaskStatus.READY)
        .order_by(col(HumanTask.created_at), col(HumanTask.name))
    ).all()
    for row in rows:
        found[row.case_id].append(row)
    return found


def get(*, engine: Engine, session: Session, caller: Caller, case: Case) -> CasePublic:
    """One case with its open tasks and the data the caller's agency may see (logged)."""
    agency = casework_agency(caller)
    view = engine.get_case(case.id)
    loaded = visibility.version_of(engine, session, case)
    projection = visibility.projected_data(
        engine=engine, session=session, case=case, agency=agency, data=view.data
    )
    access_log.record(
        engine=engine,
        caller=caller,
        case_id=case.id,
        fields=projection.personal,
        endpoint="GET /cases/{id}",
    )
    now = engine.clock.now()
    tasks = [
        task_public(t, case_number=case.number, loaded=loaded, now=now) for t in view.open_tasks
    ]
    return case_public(
        view, process_version=view.process_version, open_tasks=tasks, data=projection.data
    )


def history(*, session: Session, case: Case) -> HistoryPublic:
    """The case's audit trail: who, agency, when, what, which task (no data)."""
    events = session.exec(
        select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(col(AuditEvent.id))
    ).all()
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


def answers(
    *, engine: Engine, session: Session, caller: Caller, case: Case, task_ids: list[str]
) -> dict[str, dict[str, Any]]:
    """What each completed task of the case recorded, as it was sent: the fields its form
    asks that the caller's agency may see in this case (need to know), never personal ones
    (the task's own page shows those, access-logged), in the form's order."""
    agency = casework_agency(caller)
    loaded = visibility.version_of(engine, session, case)
    allowed = visibility.agency_case_fields(session, loaded, case, agency)
    personal = visibility.case_personal_fields(loaded)
    rows = session.exec(
        select(HumanTask.id, HumanTask.form).where(
            HumanTask.case_id == case.id, col(HumanTask.id).in_(task_ids)
        )
    ).all()
    forms: dict[str, str | None] = dict(rows)
    found: dict[str, dict[str, Any]] = {}
    for task_id, sent in engine.completed_task_data(case.id, list(forms)).items():
        props = (loaded.bundle.form(forms[task_id]) or {}).get("properties") or {}
        found[task_id] = {
            name: sent[name]
            for name, prop in props.items()
            if name in sent
            and name in allowed
            and name not in personal
            and not (isinstance(prop, dict) and prop.get("readOnly"))
        }
    return found


# Details of the trail a case's history shows: names and rungs, never data or free text.
SHOWN_DETAIL = ("over_claim_of", "assignee", "was_claimed_by", "rung", "to_agency", "to_role")


def _shown(detail: dict[str, Any]) -> dict[str, str | int | None] | None:
    shown = {k: detail[k] for k in SHOWN_DETAIL if k in detail}
    return shown or None
