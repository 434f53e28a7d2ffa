"""One task: read it with its form and the data the form needs; claim, release, complete."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from api.schemas import StepPublic, TaskDetail, TaskPublic
from api.services import access_log, idempotency, steps, visibility
from api.services.inbox import escalation_marks
from api.services.policy import Caller, casework_agency
from api.services.shaping import task_public
from engine.db import read_session
from engine.facade import Engine
from engine.fastsql import CaseRow, TaskRow
from engine.models import Case
from engine.views import TaskView


def detail(
    *, engine: Engine, session: Session, caller: Caller, task: TaskRow, case: CaseRow
) -> TaskDetail:
    """The task, its form's JSON Schema and the case data that form needs (logged)."""
    agency = casework_agency(caller)
    loaded = visibility.version_of(engine, session, case)
    schema = loaded.bundle.form(task.form)
    data = engine.task_data(case.id, task.id)
    projection = visibility.form_data(
        engine=engine, session=session, case=case, agency=agency, form=task.form, data=data
    )
    access_log.record(
        engine=engine,
        caller=caller,
        case_id=case.id,
        fields=projection.personal,
        endpoint="GET /tasks/{id}",
        task_id=task.id,
    )
    public = task_public(
        task,
        case_number=case.number,
        loaded=loaded,
        now=engine.clock.now(),
        escalation=escalation_marks(session, [task.id]).get(task.id),
    )
    return TaskDetail(
        **public.model_dump(),
        form_schema=dict(schema) if schema is not None else None,
        data=projection.data,
    )


def claim(*, engine: Engine, caller: Caller, task: TaskRow) -> TaskPublic:
    """Take a task of one's agency (claiming it again is harmless)."""
    agency = casework_agency(caller)
    view = engine.claim_task(task.id, actor=caller.username, agency=agency)
    return _public(engine, view)


def release(*, engine: Engine, caller: Caller, task: TaskRow) -> TaskPublic:
    """Return a task to the agency inbox (its claimant, or a supervisor of the agency)."""
    agency = casework_agency(caller)
    view = engine.release_task(
        task.id, actor=caller.username, agency=agency, override_claim=caller.is_supervisor
    )
    return _public(engine, view)


def complete(
    *,
    engine: Engine,
    caller: Caller,
    task: TaskRow,
    data: dict[str, Any],
    idempotency_key: str | None,
) -> tuple[int, StepPublic]:
    """Complete a task with form data (validated by the engine against the form)."""
    agency = casework_agency(caller)
    request = steps.StepRequest(
        caller=caller,
        agency=agency,
        endpoint="POST /tasks/{id}/complete",
        status_code=200,
        key=idempotency_key,
        digest=idempotency.request_hash({"op": "complete", "task_id": task.id, "data": data})
        if idempotency_key
        else "",
    )
    return steps.run(
        engine=engine,
        request=request,
        step=lambda within: engine.complete_task(
            task.id,
            data,
            actor=caller.username,
            agency=agency,
            override_claim=caller.is_supervisor,
            within=within,
        ),
    )


def _public(engine: Engine, view: TaskView) -> TaskPublic:
    with read_session(engine.db) as session:
        case = session.get(Case, view.case_id)
        assert case is not None
        loaded = visibility.version_of(engine, session, case)
        mark = escalation_marks(session, [view.id]).get(view.id)
    return task_public(
        view, case_number=view.case_number, loaded=loaded, now=engine.clock.now(), escalation=mark
    )
