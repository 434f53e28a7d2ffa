"""Case operations, each one unit of work: validate, advance, save, mirror, audit, commit."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from engine import audit, casedata, runtime, store
from engine.agencies import resolve_lane
from engine.claims import check_may_act
from engine.context import EngineContext
from engine.crossfield import outside_fields
from engine.errors import MessageNotAwaitedError, NotMessageSenderError, TaskNotReadyError
from engine.facts import facts_of, milestone_facts
from engine.forms import read_only_fields, validate_form, with_read_only
from engine.library import LoadedVersion
from engine.models import CaseHalt, CaseStatus, Timer
from engine.rowsql import CaseRow, TaskRow
from engine.spiff import messages
from engine.steps import Step, after_step, keep_after_commit
from engine.views import AwaitedMessage, StepResult
from engine.workdays import BISHKEK


def start(
    ctx: EngineContext,
    session: Session,
    *,
    process_id: str,
    data: Mapping[str, Any],
    agency: str,
    actor: str,
) -> StepResult:
    """Start a case on the newest version of a process and run it to its first wait state."""
    loaded = ctx.library.latest(session, process_id)
    start_form = loaded.bundle.form(loaded.definition.start_form)
    validate_form(start_form, data, form=loaded.definition.start_form, today=_today(ctx))
    now = ctx.clock.now()
    workflow = runtime.new_workflow(loaded.definition, ctx.script_engine)
    workflow.task_tree.data.update({**data, "reporting_agency": agency})
    runtime.run(workflow)
    case = CaseRow(
        id=time_ordered_id(),
        number=store.next_number(session, now.year),
        process_id=process_id,
        process_version_id=loaded.version.id,
        status=CaseStatus.OPEN,
        outcome=None,
        reporting_agency=agency,
        created_by=actor,
        created_at=now,
        updated_at=now,
        closed_at=None,
        serializer_version=ctx.serializer_version,
        version=0,
    )
    with store.batch(session):
        store.insert_case(session, case, b"")
        store.record_facts(session, case.id, facts_of(start_form, data, now), now)
        audit.record(
            session,
            at=now,
            actor=actor,
            agency=agency,
            action="case.started",
            case_id=case.id,
            data=data,
            detail={"process_id": process_id, "version": loaded.version.version},
        )
        return after_step(
            ctx,
            session,
            Step(
                case=case,
                loaded=loaded,
                workflow=workflow,
                rows={},
                timers=[],
                actor=actor,
                agency=agency,
                now=now,
            ),
        )


def complete(
    ctx: EngineContext,
    session: Session,
    *,
    task_id: str,
    data: Mapping[str, Any],
    actor: str,
    agency: str | None,
    override_claim: bool = False,
) -> StepResult:
    """Complete a READY task of the caller's agency with form data."""
    case, rows = store.lock_case_of_task(session, task_id)
    row = rows[task_id]
    check_may_act(row, actor, agency, override_claim)
    loaded = ctx.library.version(session, case.process_version_id)
    form = loaded.bundle.form(row.form)
    workflow, known = None, {}
    if read_only_fields(form) or outside_fields(form):
        workflow = _workflow(ctx, session, case, loaded)
        known = runtime.ready_task(workflow, task_id).data
        data = with_read_only(form, data, known)
    validate_form(form, data, form=row.form, known=known, today=_today(ctx))
    workflow = workflow or _workflow(ctx, session, case, loaded)
    timers = runtime.pending_timers(workflow)
    runtime.complete(workflow, runtime.ready_task(workflow, task_id), data)
    with store.batch(session):
        now = ctx.clock.now()
        store.record_facts(session, case.id, facts_of(form, data, now), now)
        audit.record(
            session,
            at=now,
            actor=actor,
            agency=agency or row.agency,
            action="task.completed",
            case_id=case.id,
            task_id=row.id,
            task_name=row.name,
            data=data,
            # A supervisor completing a task someone else claimed: the claimant reads it here.
            detail={"over_claim_of": row.claimed_by}
            if row.claimed_by and row.claimed_by != actor
            else None,
        )
        return after_step(
            ctx,
            session,
            Step(
                case=case,
                loaded=loaded,
                workflow=workflow,
                rows=rows,
                timers=timers,
                actor=actor,
                agency=agency,
                completed=row,
                now=now,
            ),
        )


def awaited(ctx: EngineContext, workflow: Any, bundle: Any) -> list[AwaitedMessage]:
    """The messages a case waits for now, by name (each as its innermost catcher says)."""
    return _awaited(ctx, workflow, messages.catchers(workflow, bundle))


def _awaited(
    ctx: EngineContext, workflow: Any, found: list[messages.Catcher]
) -> list[AwaitedMessage]:
    data = casedata.case_data(workflow)
    seen: dict[str, AwaitedMessage] = {}
    for catcher in sorted(found, key=lambda c: -c.depth):
        info = catcher.info
        if info.message in seen or not messages.receivers(found, info.message):
            continue  # only the innermost instance receives it
        senders = (resolve_lane(f"lane_{s}", data, ctx.params) for s in info.senders)
        seen[info.message] = AwaitedMessage(
            name=info.message,
            title=info.title,
            senders=tuple(sorted({s for s in senders if s})),
            schema=info.schema,
            element_id=info.bpmn_id,
            process_id=info.process_id,
        )
    return sorted(seen.values(), key=lambda m: m.name)


def deliver_message(
    ctx: EngineContext,
    session: Session,
    *,
    case_id: str,
    name: str,
    data: Mapping[str, Any],
    actor: str,
    agency: str,
) -> StepResult:
    """Deliver a message from an agency to the catch events of the case that wait for it
    (the innermost process instance's: engine/spiff/messages.py), with its payload
    validated by the message's form, and run the case to its next wait state."""
    case = store.lock_case(session, case_id)
    assert case is not None
    loaded = ctx.library.version(session, case.process_version_id)
    if case.status != CaseStatus.OPEN:
        raise MessageNotAwaitedError(
            f"Case {case.number} is {case.status}: it waits for no message.",
            case_id=case_id,
            message_name=name,
            awaited=[],
        )
    workflow = _workflow(ctx, session, case, loaded)
    found = messages.catchers(workflow, loaded.bundle)
    targets = messages.receivers(found, name)
    awaited = _awaited(ctx, workflow, found)
    if not targets:
        names = ", ".join(m.name for m in awaited) or "no message"
        raise MessageNotAwaitedError(
            f"Case {case.number} does not wait for the message {name!r} now (it waits for: "
            f"{names}).",
            case_id=case_id,
            message_name=name,
            awaited=[m.name for m in awaited],
        )
    allowed = next(m for m in awaited if m.name == name)
    if agency not in allowed.senders:
        raise NotMessageSenderError(
            f"The message {name!r} of case {case.number} is sent by "
            f"{', '.join(allowed.senders) or 'no agency now'}, not {agency}.",
            case_id=case_id,
            message_name=name,
            senders=list(allowed.senders),
        )
    form = loaded.bundle.form(allowed.schema)
    # What the case holds now (every branch merged), not the first report the workflow's
    # root keeps: a child found a child during identification is one for her messages too.
    holds = casedata.case_data(workflow) if outside_fields(form) or read_only_fields(form) else {}
    known = holds if outside_fields(form) else {}
    if read_only_fields(form):
        # A message form's `readOnly` fields (presumed_child) come from the case, as a task's do.
        data = dict(with_read_only(form, data, holds))
    validate_form(form, data, form=allowed.schema, known=known, today=_today(ctx))
    targets = messages.receivers(found, name, data)
    if not targets:
        raise MessageNotAwaitedError(
            f"Nothing in case {case.number} waits for {name!r} with what it covers now (the "
            "parts of the case that wait for it cover other things).",
            case_id=case_id,
            message_name=name,
            awaited=[m.name for m in awaited],
        )
    timers = runtime.pending_timers(workflow)
    payload = {**data, "message_receivers": sorted({messages.process_of(t) for t in targets})}
    # The catchers that leave their instance's other work running go first: an interrupting
    # one ends that work, and what the others record must be there when it does (whatever
    # the order of the event sub-processes in the diagram file).
    ordered = sorted(targets, key=lambda t: t.info.interrupting)
    caught = [messages.deliver(workflow, target, payload) for target in ordered]
    runtime.run(workflow)
    now = ctx.clock.now()
    return _audited_step(
        ctx,
        session,
        Step(case, loaded, workflow, _task_rows(session, case), timers, actor, agency, now),
        action="message.delivered",
        data=data,
        facts=facts_of(form, data, now),
        detail={
            "message": name,
            "elements": sorted({t.info.bpmn_id for t in targets}),
            "process_id": targets[0].info.process_id,
            # the tasks that caught it: each delivery's own values, read back from them
            "tasks": sorted(str(task.id) for task in caught),
        },
    )


def fire_timers(ctx: EngineContext, session: Session, *, case_id: str) -> StepResult | None:
    """Fire the case's timers that are due by the engine clock; None when nothing changed
    (or when another worker or a user's step holds the case: a later round fires it)."""
    case = store.lock_case(session, case_id, skip_locked=True)
    if case is None or case.status != CaseStatus.OPEN:
        return None
    loaded = ctx.library.version(session, case.process_version_id)
    workflow = _workflow(ctx, session, case, loaded)
    before = runtime.pending_timers(workflow)
    runtime.refresh_timers(workflow)
    fired = {t.id for t in before} - {t.id for t in runtime.pending_timers(workflow)}
    if not fired:
        keep_after_commit(session, case, workflow)
        return None
    now = ctx.clock.now()
    reached = (name for name, _at in runtime.event_milestones(workflow, fired))
    return _audited_step(
        ctx,
        session,
        Step(case, loaded, workflow, _task_rows(session, case), before, "system", None, now),
        action="timer.fired",
        detail={"timers": sorted(fired)},
        facts=milestone_facts(reached, now),
    )


def cancel(
    ctx: EngineContext,
    session: Session,
    *,
    case_id: str,
    actor: str,
    agency: str | None,
    reason: str,
) -> StepResult:
    """Cancel an open case: every open task and timer ends."""
    case = store.lock_case(session, case_id)
    assert case is not None
    if case.status != CaseStatus.OPEN:
        raise TaskNotReadyError(f"Case {case.number} is {case.status}, not open.", case_id=case_id)
    loaded = ctx.library.version(session, case.process_version_id)
    workflow = _workflow(ctx, session, case, loaded)
    timers = runtime.pending_timers(workflow)
    runtime.cancel(workflow)
    rows = _task_rows(session, case)
    step = Step(case, loaded, workflow, rows, timers, actor, agency, ctx.clock.now())
    return _audited_step(
        ctx,
        session,
        replace(step, status=CaseStatus.CANCELLED),
        action="case.cancelled",
        detail={"reason": reason},
    )


def _task_rows(session: Session, case: CaseRow) -> dict[str, TaskRow]:
    return store.task_rows(session, case.id)


def _audited_step(
    ctx: EngineContext,
    session: Session,
    step: Step,
    *,
    action: str,
    detail: Mapping[str, Any],
    data: Mapping[str, Any] | None = None,
    facts: Any = None,
) -> StepResult:
    """In one batch: the step's facts (if any), its audit event, then its bookkeeping."""
    with store.batch(session):
        if facts is not None:
            store.record_facts(session, step.case.id, facts, step.now)
        audit.record(
            session,
            at=step.now,
            actor=step.actor,
            agency=step.agency,
            action=action,
            case_id=step.case.id,
            data=data,
            detail=detail,
        )
        return after_step(ctx, session, step)


def _today(ctx: EngineContext) -> date:
    """The engine clock's date in Bishkek: what a form's "not in the future" compares with."""
    return ctx.clock.now().astimezone(BISHKEK).date()


def _workflow(ctx: EngineContext, session: Session, case: CaseRow, loaded: LoadedVersion) -> Any:
    cached = ctx.cache.get(case.id, case.version)
    if cached is not None:
        return cached
    return ctx.restore(store.load_state(session, case.id), loaded)


def time_ordered_id() -> str:
    """A new case id: a UUID version 7 (RFC 9562), its first 48 bits the time in milliseconds,
    the other 74 random. Cases made close in time sit close together in every index keyed by
    case id (the case, its tasks, its audit events), so a step writes fewer index pages than
    with fully random ids."""
    millis = time.time_ns() // 1_000_000
    value = (millis & (1 << 48) - 1) << 80 | int.from_bytes(os.urandom(10)) & (1 << 80) - 1
    value = value & ~(0xF << 76) | 0x7 << 76  # version 7
    value = value & ~(0x3 << 62) | 0x2 << 62  # RFC 9562 variant
    return str(uuid.UUID(int=value))


def due_case_ids(
    session: Session, *, now: Any, limit: int = 100, case_ids: Sequence[str] | None = None
) -> list[str]:
    """Cases with a timer due by `now` (a worker then locks each one); never a halted case
    (engine/halts.py)."""
    halted = select(CaseHalt.case_id).where(CaseHalt.case_id == Timer.case_id)
    query = select(Timer.case_id).where(Timer.fire_at <= now, ~halted.exists())
    if case_ids is not None:
        query = query.where(col(Timer.case_id).in_(list(case_ids)))
    return list(session.exec(query.distinct().limit(limit)).all())
