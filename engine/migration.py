"""Move open cases to a newer version of their process: preview first, then all or nothing.

The preview runs the real migration on a copy of each case's workflow and
throws it away, so it says exactly what `migrate_cases` will do. Migrating
re-points the case row at the new version, saves the moved workflow, mirrors
its tasks and timers and records one `case.migrated` event per case; the
caller's unit of work commits once, or nothing when any case is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from engine import audit, runtime, store
from engine.context import EngineContext
from engine.errors import MigrationRefusedError
from engine.library import LoadedVersion
from engine.models import Case, CaseStatus, HumanTask, ProcessVersion
from engine.rowsql import CaseRow, TaskRow
from engine.spiff.migration import MigrationIssue, migrate, open_elements
from engine.steps import keep_after_commit
from engine.versions import version_row
from engine.views import TaskView


@dataclass(frozen=True)
class CaseMigrationPreview:
    """Whether one open case can move to the target version, and why not."""

    case_id: str
    case_number: str
    process_id: str
    from_version: int
    to_version: int
    waiting_at: tuple[str, ...]
    can_migrate: bool
    issues: tuple[MigrationIssue, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class MigratedCase:
    """A case that moved, with the tasks open on it afterwards."""

    case_id: str
    case_number: str
    process_id: str
    from_version: int
    to_version: int
    open_tasks: tuple[TaskView, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class MigrationResult:
    """Every case moved by one migration."""

    to_version: int
    cases: tuple[MigratedCase, ...]


@dataclass
class _Attempt:
    """A case's workflow moved to the target version (unusable when there are issues)."""

    workflow: Any
    waiting_at: tuple[str, ...]
    timers_before: list[runtime.PendingTimer]
    issues: list[MigrationIssue]
    notes: list[str]


def _attempt(
    ctx: EngineContext,
    session: Session,
    case_id: str,
    current: LoadedVersion,
    target: LoadedVersion,
) -> _Attempt:
    """Restore the case's workflow from storage and move it to `target`."""
    workflow = ctx.restore(store.load_state(session, case_id), current)
    waiting_at, timers = open_elements(workflow), runtime.pending_timers(workflow)
    outcome = migrate(workflow, target.definition, ctx.serializer.registry, target.version.version)
    return _Attempt(workflow, waiting_at, timers, outcome.issues, outcome.notes)


def preview(
    ctx: EngineContext, session: Session, *, process_id: str, to_version: int
) -> list[CaseMigrationPreview]:
    """For every open case on an older version: can it move to `to_version`, and why not."""
    row = version_row(session, process_id, to_version)
    assert row.id is not None
    target = ctx.library.version(session, row.id)
    older = session.exec(
        select(Case, ProcessVersion.version)
        .join(ProcessVersion, col(ProcessVersion.id) == col(Case.process_version_id))
        .where(
            Case.process_id == process_id,
            Case.status == CaseStatus.OPEN,
            col(ProcessVersion.version) < to_version,
        )
        .order_by(col(Case.number))
    ).all()
    result = []
    for case, version in older:
        current = ctx.library.version(session, case.process_version_id)
        attempt = _attempt(ctx, session, case.id, current, target)
        result.append(
            CaseMigrationPreview(
                case.id,
                case.number,
                process_id,
                version,
                to_version,
                attempt.waiting_at,
                not attempt.issues,
                tuple(attempt.issues),
                tuple(attempt.notes),
            )
        )
    return result


def _refusal(case: CaseRow, current: int, to_version: int) -> str | None:
    if case.status != CaseStatus.OPEN:
        return f"The case is {case.status}."
    if current == to_version:
        return f"The case already runs on version {to_version}."
    if current > to_version:
        return f"The case runs on version {current}, newer than {to_version}."
    return None


def migrate_cases(
    ctx: EngineContext, session: Session, *, case_ids: Sequence[str], to_version: int, actor: str
) -> MigrationResult:
    """Move every case to `to_version` of its process, or refuse them all (caller commits)."""
    moved: list[MigratedCase] = []
    refused: dict[str, list[str]] = {}
    for case_id in dict.fromkeys(case_ids):
        case = store.lock_case(session, case_id)
        assert case is not None
        current = ctx.library.version(session, case.process_version_id)
        row = version_row(session, case.process_id, to_version)
        assert row.id is not None
        target = ctx.library.version(session, row.id)
        reason = _refusal(case, current.version.version, to_version)
        if reason is not None:
            refused[case.number] = [reason]
            continue
        attempt = _attempt(ctx, session, case.id, current, target)
        if attempt.issues:
            refused[case.number] = [i.message for i in attempt.issues]
        elif not refused:
            moved.append(_store(ctx, session, case, current, target, attempt, actor))
    if refused:
        raise MigrationRefusedError(
            f"{len(refused)} case(s) cannot move to version {to_version}; none was moved.",
            refused=refused,
        )
    return MigrationResult(to_version, tuple(moved))


def _store(
    ctx: EngineContext,
    session: Session,
    case: CaseRow,
    current: LoadedVersion,
    target: LoadedVersion,
    attempt: _Attempt,
    actor: str,
) -> MigratedCase:
    """Save the moved workflow on the new version, mirror tasks and timers, audit.

    No engine step runs: the case waits where it waited, now on the new diagram.
    """
    now, workflow = ctx.clock.now(), attempt.workflow
    rows = store.task_rows(session, case.id)
    assert target.version.id is not None
    case = ctx.save(session, case, workflow, process_version_id=target.version.id, updated_at=now)
    tasks = runtime.open_tasks(workflow, target.bundle, ctx.params)
    still_open, _opened = store.sync_tasks(session, case.id, rows, tasks, now=now)
    still_open = _refresh(session, still_open, {t.id: t for t in tasks})
    store.sync_timers(session, case.id, attempt.timers_before, runtime.pending_timers(workflow))
    audit.record(
        session,
        at=now,
        actor=actor,
        action="case.migrated",
        case_id=case.id,
        detail={
            "process_id": case.process_id,
            "from_version": current.version.version,
            "to_version": target.version.version,
            **({"notes": attempt.notes} if attempt.notes else {}),
        },
    )
    keep_after_commit(session, case, workflow)
    return MigratedCase(
        case.id,
        case.number,
        case.process_id,
        current.version.version,
        target.version.version,
        tuple(TaskView.of(r, case.number) for r in still_open),
        tuple(attempt.notes),
    )


def _refresh(
    session: Session, rows: list[TaskRow], tasks: dict[str, runtime.OpenTask]
) -> list[TaskRow]:
    """Give kept task rows the new version's name, lane, agency and form.

    A task that changes agency loses its claim: the claimant works elsewhere.
    """
    result = []
    for row in rows:
        task = tasks[row.id]
        changes: dict[str, Any] = {
            k: getattr(task, k)
            for k in ("name", "lane", "agency", "form")
            if getattr(row, k) != getattr(task, k)
        }
        if "agency" in changes and row.claimed_by is not None:
            changes.update(claimed_by=None, claimed_at=None)
        if changes:
            session.execute(update(HumanTask).where(col(HumanTask.id) == row.id).values(**changes))
            row = replace(row, **changes)
        result.append(row)
    return result
