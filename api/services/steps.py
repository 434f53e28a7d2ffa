"""Steps that change a case (start, complete): idempotent, projected, access-logged."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from api.errors import IdempotencyKeyInUseError
from api.models import IdempotencyKey
from api.schemas import StepPublic
from api.services import access_log, idempotency, visibility
from api.services.policy import Caller
from api.services.shaping import case_public, task_public
from engine.db import read_session
from engine.errors import ConflictError
from engine.facade import Engine, StepHook
from engine.models import Case
from engine.views import CaseKey, StepResult, TaskView


@dataclass(frozen=True)
class StepRequest:
    """Who asks for a step, under which Idempotency-Key, with which request fingerprint (its
    SHA-256, only computed, and only needed, when there is a key)."""

    caller: Caller
    agency: str
    endpoint: str
    status_code: int
    key: str | None
    digest: str


def run(
    *, engine: Engine, request: StepRequest, step: Callable[[StepHook], StepResult]
) -> tuple[int, StepPublic]:
    """Run a step once per Idempotency-Key; returns the status code and the projected result."""
    stored = _stored(engine, request)
    if stored is not None:
        return stored.status_code, replay(engine=engine, request=request, body=stored.body)
    try:
        result = step(_hook(engine, request))
    except (ConflictError, IntegrityError) as exc:
        # A concurrent request with the same key may have won: then replay its result.
        stored = _stored(engine, request)
        if stored is not None:
            return stored.status_code, replay(engine=engine, request=request, body=stored.body)
        if isinstance(exc, IntegrityError):
            raise IdempotencyKeyInUseError(
                "A request with this Idempotency-Key is in progress.", key=request.key
            ) from exc
        raise
    shaped: StepPublic = result.hooked  # inside the step's transaction, data projected
    return request.status_code, shaped


def _stored(engine: Engine, request: StepRequest) -> IdempotencyKey | None:
    if not request.key:
        return None
    return idempotency.find(
        engine=engine, username=request.caller.username, key=request.key, digest=request.digest
    )


def _hook(engine: Engine, request: StepRequest) -> StepHook:
    def within(session: Session, result: StepResult) -> StepPublic:
        view = result.case
        case = CaseKey(view.id, view.number, view.process_version_id, view.reporting_agency)
        projection = visibility.projected_data(
            engine=engine,
            session=session,
            case=case,
            agency=request.agency,
            data=view.data,
            serving=visibility.serving_agencies(view.open_tasks),
        )
        # The access record of the personal fields the response carries joins the step's
        # own transaction.
        access_log.add(
            session,
            engine=engine,
            caller=request.caller,
            case_id=case.id,
            fields=projection.personal,
            endpoint=request.endpoint,
            task_id=result.completed.id if result.completed is not None else None,
        )
        step = shaped_result(
            engine=engine, session=session, result=result, case=case, data=projection.data
        )
        if request.key:
            idempotency.store(
                session,
                username=request.caller.username,
                key=request.key,
                digest=request.digest,
                status_code=request.status_code,
                step=step,
                now=engine.clock.now(),
            )
        return step

    return within


def shaped_result(
    *,
    engine: Engine,
    session: Session,
    result: StepResult,
    case: CaseKey | None = None,
    data: dict[str, Any] | None = None,
) -> StepPublic:
    """The step's result: tasks, status, numbers, and the case data given (projected for the
    caller), or none."""
    case = case or engine.case_key(session, result.case.id)
    loaded = visibility.version_of(engine, session, case)
    now = engine.clock.now()
    shaped: dict[str, Any] = {}

    def shape(view: TaskView) -> Any:
        # A task opened by the step is also one of the case's open tasks: shaped once.
        found = shaped.get(view.id)
        if found is None:
            found = shaped[view.id] = task_public(
                view, case_number=view.case_number, loaded=loaded, now=now
            )
        return found

    completed = None
    if result.completed is not None:  # as it stands after the step (by whom, when)
        completed = task_public(result.completed, case_number=case.number, loaded=loaded, now=now)
    return StepPublic(
        case=case_public(
            result.case,
            process_version=result.case.process_version,
            open_tasks=[shape(t) for t in result.case.open_tasks],
            data=data,
        ),
        completed=completed,
        opened=[shape(t) for t in result.opened],
    )


def with_data(
    *, engine: Engine, request: StepRequest, step: StepPublic, data: dict[str, Any]
) -> StepPublic:
    """The step's result with the case data projected for the caller (access-logged)."""
    with read_session(engine.db) as session:
        case = session.get(Case, step.case.id)
        assert case is not None
        projection = visibility.projected_data(
            engine=engine, session=session, case=case, agency=request.agency, data=data
        )
    access_log.record(
        engine=engine,
        caller=request.caller,
        case_id=case.id,
        fields=projection.personal,
        endpoint=request.endpoint,
        task_id=step.completed.id if step.completed else None,
    )
    return step.model_copy(update={"case": step.case.model_copy(update={"data": projection.data})})


def replay(*, engine: Engine, request: StepRequest, body: dict[str, Any]) -> StepPublic:
    """A stored first result, with the case data as the caller may see it now."""
    step = StepPublic.model_validate(body)
    data = engine.get_case(step.case.id).data
    return with_data(engine=engine, request=request, step=step, data=data)
