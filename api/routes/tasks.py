"""The agency inbox and one task: read, claim, release, complete."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from api.deps import (
    CurrentUser,
    EngineDep,
    IdempotencyKeyHeader,
    ReadableTaskDep,
    TaskDep,
)
from api.routes.common import problems, step_response
from api.schemas import (
    ID_PATTERN,
    PROCESS_ID_PATTERN,
    InboxStatus,
    StepPublic,
    TaskAssign,
    TaskComplete,
    TaskDetail,
    TaskPublic,
    TasksPublic,
)
from api.services import tasks
from api.services.inbox import InboxFilter, Page, inbox
from engine.db import read_session

router = APIRouter(tags=["tasks"])


@router.get("/tasks", response_model=TasksPublic, responses=problems(401, 403, 422))
def list_tasks(
    engine: EngineDep,
    caller: CurrentUser,
    status: InboxStatus | None = None,
    assignee: Literal["me"] | None = None,
    process_id: Annotated[str | None, Query(pattern=PROCESS_ID_PATTERN)] = None,
    case_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> TasksPublic:
    """The caller's agency inbox: open tasks of its lanes, by due date then age."""
    with read_session(engine.db) as session:
        return inbox(
            engine=engine,
            session=session,
            caller=caller,
            filters=InboxFilter(status, assignee == "me", process_id, case_id),
            page=Page(limit=limit, offset=offset, cursor=cursor),
        )


@router.get("/tasks/{task_id}", response_model=TaskDetail, responses=problems(401, 403, 404))
def read_task(ctx: ReadableTaskDep, engine: EngineDep) -> TaskDetail:
    """One task, its form's JSON Schema, and the case data that form needs; a supervisor or
    head its escalation told reads another agency's task too (what their agency may see)."""
    with read_session(engine.db) as session:
        return tasks.detail(
            engine=engine, session=session, caller=ctx.caller, task=ctx.task, case=ctx.case
        )


@router.post(
    "/tasks/{task_id}/claim", response_model=TaskPublic, responses=problems(401, 403, 404, 409)
)
def claim_task(ctx: TaskDep, engine: EngineDep) -> TaskPublic:
    """Take a task: then only you (or a supervisor) can complete it."""
    return tasks.claim(engine=engine, caller=ctx.caller, task=ctx.task)


@router.post(
    "/tasks/{task_id}/release", response_model=TaskPublic, responses=problems(401, 403, 404, 409)
)
def release_task(ctx: TaskDep, engine: EngineDep) -> TaskPublic:
    """Return a claimed task to the agency inbox (its claimant, or a supervisor)."""
    return tasks.release(engine=engine, caller=ctx.caller, task=ctx.task)


@router.post(
    "/tasks/{task_id}/assign",
    response_model=TaskPublic,
    responses=problems(401, 403, 404, 409, 422),
)
def assign_task(ctx: TaskDep, engine: EngineDep, body: TaskAssign) -> TaskPublic:
    """Give the task to a named caseworker of the agency (supervisors; audited)."""
    return tasks.assign(engine=engine, caller=ctx.caller, task=ctx.task, username=body.username)


@router.post(
    "/tasks/{task_id}/complete",
    response_model=StepPublic,
    responses=problems(401, 403, 404, 409, 413, 422),
)
async def complete_task(
    request: Request,
    ctx: TaskDep,
    body: TaskComplete,
    idempotency_key: IdempotencyKeyHeader = None,
) -> Response:
    """Complete a task with form data; returns the case and the tasks that opened next."""
    return await step_response(
        request,
        tasks.complete,
        for_case=ctx.task.case_id,
        caller=ctx.caller,
        task=ctx.task,
        data=body.data,
        idempotency_key=idempotency_key,
        confirm_override=body.confirm_override,
    )
