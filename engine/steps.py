"""A step's bookkeeping once the workflow advanced: save the state, mirror tasks and
timers, record a case's end, keep the live workflow after commit (engine/cases.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from engine import audit, casedata, casesummary, runtime, store
from engine.context import EngineContext
from engine.forms import personal_fields
from engine.library import LoadedVersion
from engine.models import CaseStatus, TaskStatus
from engine.rowsql import CaseRow, TaskRow, changed
from engine.views import CaseView, StepResult, TaskView


@dataclass(frozen=True)
class Step:
    """A step under way: the case as it was read (locked), its version and live workflow
    (already advanced), its task rows and waiting timers from before the step, who acts and
    when; `completed` is the task it completes, `status` a status it ends the case in."""

    case: CaseRow
    loaded: LoadedVersion
    workflow: Any
    rows: dict[str, TaskRow]
    timers: list[runtime.PendingTimer]
    actor: str
    agency: str | None
    now: datetime
    completed: TaskRow | None = None
    status: str | None = None


def after_step(ctx: EngineContext, session: Session, step: Step) -> StepResult:
    """Save state, mirror tasks and timers, record completion at the step's time; the caller
    commits."""
    after = runtime.snapshot(step.workflow, step.loaded.bundle, ctx.params)
    data = after.data
    status = step.status
    changes: dict[str, Any] = {"updated_at": step.now}
    if status is None and runtime.is_completed(step.workflow):
        status = CaseStatus.COMPLETED
        changes["outcome"] = data.get("case_outcome")
        if data.get(PURGE_FLAG):
            _purge_personal_data(
                session, step.case, step.loaded, step.workflow, actor=step.actor, now=step.now
            )
            data = casedata.case_data(step.workflow)
    changes["summary"] = casesummary.of(data)
    if status is not None:
        changes.update(status=status, closed_at=step.now)
        audit.record(
            session,
            at=step.now,
            actor=step.actor,
            agency=step.agency,
            action=f"case.{status}",
            case_id=step.case.id,
            detail={"outcome": changes.get("outcome")},
        )
    case = ctx.save(session, step.case, step.workflow, **changes)
    rows = dict(step.rows)
    for row, agency in store.follow_serving_agency(session, rows, after.open_tasks):
        rows[row.id] = changed(row, agency=agency)
        audit.record(
            session,
            at=step.now,
            actor=step.actor,
            agency=step.agency,
            action="task.reassigned",
            case_id=case.id,
            task_id=row.id,
            task_name=row.name,
            detail={"from": row.agency, "to": agency},
        )
    still_open, opened = store.sync_tasks(
        session,
        case.id,
        rows,
        after.open_tasks,
        now=step.now,
        completed_id=step.completed.id if step.completed else None,
        actor=step.actor,
    )
    store.sync_timers(session, case.id, step.timers, after.timers)
    keep_after_commit(session, case, step.workflow)
    return StepResult(
        case=CaseView.of(
            case,
            step.loaded.version.version,
            [TaskView.of(r, case.number) for r in still_open],
            data,
        ),
        opened=[TaskView.of(r, case.number) for r in opened],
        completed=TaskView.of(_done(step.completed, step.actor, step.now), case.number)
        if step.completed
        else None,
    )


def _done(row: TaskRow, actor: str, now: datetime) -> TaskRow:
    """The completed task's row as this step left it (see store.sync_tasks)."""
    return changed(row, status=TaskStatus.COMPLETED, completed_by=actor, completed_at=now)


# A diagram sets this field (e.g. when an adult refuses referral and only an anonymous
# notification may remain) to have every identity field removed when the case ends.
PURGE_FLAG = "purge_personal_data"


def _purge_personal_data(
    session: Session, case: CaseRow, loaded: LoadedVersion, workflow: Any, *, actor: str, now: Any
) -> None:
    fields = set().union(*(personal_fields(f) for f in loaded.bundle.forms.values()))
    removed = casedata.scrub(workflow, fields)
    audit.record(
        session,
        at=now,
        actor=actor,
        action="case.personal_data_purged",
        case_id=case.id,
        detail={"fields": sorted(fields), "values_removed": removed},
    )


def keep_after_commit(session: Session, case: CaseRow, workflow: Any) -> None:
    """Ask the unit of work to cache the live workflow once (and only if) it commits.

    Only an open case's: a closed case takes no more steps, and a cache full of finished
    workflows (thousands of objects each) made every full garbage collection walk them.
    """
    if case.status != CaseStatus.OPEN:
        workflow = None  # the unit drops any older copy of this case from the cache
    session.info.setdefault(CACHE_KEY, []).append((case.id, case.version, workflow))


CACHE_KEY = "nrm_cache_after_commit"
