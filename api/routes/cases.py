"""Cases: start, list, read (projected), history, access log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from api.deps import (
    CaseDep,
    CurrentUser,
    EngineDep,
    IdempotencyKeyHeader,
)
from api.errors import SharingLimitedError
from api.routes.common import problems, step_response
from api.routes.processes import SVG_RESPONSE, svg
from api.schemas import (
    PROCESS_ID_PATTERN,
    AccessLogPublic,
    CaseCreate,
    CasePublic,
    CasesPublic,
    HistoryPublic,
    MessageSend,
    MessagesPublic,
    StepPublic,
)
from api.services import access_log, cases, messages, processes, timeline
from engine.db import read_session

router = APIRouter(tags=["cases"])


@router.post(
    "/cases",
    status_code=201,
    response_model=StepPublic,
    responses=problems(401, 403, 404, 409, 413, 422),
)
async def start_case(
    request: Request,
    body: CaseCreate,
    caller: CurrentUser,
    idempotency_key: IdempotencyKeyHeader = None,
) -> Response:
    """Report a presumed victim: start a case; the caller's agency is the reporting agency."""
    return await step_response(
        request,
        cases.start,
        for_case=None,
        caller=caller,
        body=body,
        idempotency_key=idempotency_key,
    )


@router.get("/cases", response_model=CasesPublic, responses=problems(401, 403, 422))
def list_cases(
    engine: EngineDep,
    caller: CurrentUser,
    status: Annotated[str | None, Query(pattern=r"^(open|completed|cancelled)$")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> CasesPublic:
    """Cases the caller's agency takes part in (newest first; open tasks, no data)."""
    with read_session(engine.db) as session:
        return cases.list_visible(
            engine=engine,
            session=session,
            caller=caller,
            status=status,
            limit=limit,
            offset=offset,
        )


@router.get("/cases/{case_id}", response_model=CasePublic, responses=problems(401, 403, 404))
def read_case(case: CaseDep, engine: EngineDep, caller: CurrentUser) -> CasePublic:
    """A case with its open tasks and the data the caller's agency may see."""
    with read_session(engine.db) as session:
        return cases.get(engine=engine, session=session, caller=caller, case=case)


@router.get(
    "/cases/{case_id}/history", response_model=HistoryPublic, responses=problems(401, 403, 404)
)
def read_history(case: CaseDep, engine: EngineDep, caller: CurrentUser) -> HistoryPublic:
    """The audit trail: who, agency, when, what, which task; for an agency the person stopped
    sharing her data with, only the entries before that and its own."""
    with read_session(engine.db) as session:
        limited = cases.limitation(engine=engine, session=session, caller=caller, case=case)
        return timeline.history(session=session, case=case, limited=limited)


@router.get(
    "/cases/{case_id}/messages", response_model=MessagesPublic, responses=problems(401, 403, 404)
)
def awaited_messages(case: CaseDep, engine: EngineDep, caller: CurrentUser) -> MessagesPublic:
    """The messages the case waits for now (answers from outside): name, title, the agencies
    that may send each, whether yours may, and the form of its content."""
    with read_session(engine.db) as session:
        return messages.awaited(engine=engine, session=session, caller=caller, case=case)


@router.post(
    "/cases/{case_id}/messages",
    response_model=StepPublic,
    responses=problems(401, 403, 404, 409, 413, 422),
)
async def send_message(
    request: Request,
    case_id: Annotated[str, Path(description="Case id", max_length=64)],
    body: MessageSend,
    caller: CurrentUser,
    idempotency_key: IdempotencyKeyHeader = None,
) -> Response:
    """Deliver a message the case waits for (e.g. the travel documents a consulate issued):
    refused when the case does not wait for it (409), your agency is not among its senders
    (403) or its content does not fit its form (422); nothing changes then. Returns the case
    and the tasks that opened next."""
    return await step_response(
        request,
        messages.send,
        for_case=case_id,
        case_id=case_id,
        caller=caller,
        name=body.name,
        data=body.data,
        idempotency_key=idempotency_key,
    )


@router.get(
    "/cases/{case_id}/access-log",
    response_model=AccessLogPublic,
    responses=problems(401, 403, 404),
)
def read_access_log(
    case_id: Annotated[str, Path(description="Case id")], engine: EngineDep, caller: CurrentUser
) -> AccessLogPublic:
    """Who received personal fields of this case, when, and which: a supervisor reads their
    own agency's records (of a case their agency takes part in), an administrator every
    agency's."""
    return access_log.read(engine=engine, caller=caller, case_id=case_id)


@router.get(
    "/cases/{case_id}/diagram.svg",
    response_class=Response,
    responses={**SVG_RESPONSE, **problems(401, 403, 404, 422)},
)
def read_case_diagram(
    case: CaseDep,
    engine: EngineDep,
    caller: CurrentUser,
    process: Annotated[str | None, Query(pattern=PROCESS_ID_PATTERN)] = None,
) -> Response:
    """The case's diagram on its own version: finished steps, open and overdue tasks
    coloured (no case data). `process` draws an SOP the case called instead. 403 for an
    agency the person stopped sharing her data with (it would show where the case is now)."""
    with read_session(engine.db) as session:
        limited = cases.limitation(engine=engine, session=session, caller=caller, case=case)
    if limited is not None:
        raise SharingLimitedError(
            f"The person stopped sharing her data with your agency on "
            f"{limited.since.date().isoformat()}: case {case.number}'s progress is not shown.",
            case_id=case.id,
        )
    return svg(processes.case_diagram(engine=engine, case=case, process_id=process))
