"""Drafts: save a half-filled form without validating it, resume it later.

Only the user who saved a draft reads it back. Drafts of tasks that are no longer open
(completed, or cancelled by a timer or by the case ending) are deleted whenever drafts
are written or listed, and a task's drafts go with its completion through the pages.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlmodel import col, select

from engine.db import read_session, write_session
from engine.facade import Engine
from engine.models import HumanTask, TaskStatus
from forms.formview import Raw
from forms.models import FormDraft

MAX_FIELDS = 500


def _closed_tasks() -> Any:
    return select(col(HumanTask.id)).where(col(HumanTask.status) != TaskStatus.READY)


def _draft_of(username: str, task_id: str) -> Any:
    return select(FormDraft).where(
        col(FormDraft.username) == username, col(FormDraft.task_id) == task_id
    )


def save(*, engine: Engine, username: str, task_id: str, values: dict[str, Raw]) -> None:
    """Store (or replace) the user's draft of a task."""
    data = dict(list(values.items())[:MAX_FIELDS])
    with write_session(engine.db) as session:
        session.execute(delete(FormDraft).where(col(FormDraft.task_id).in_(_closed_tasks())))
        row = session.exec(_draft_of(username, task_id)).first()
        if row is None:
            row = FormDraft(username=username, task_id=task_id, saved_at=engine.clock.now())
        row.data, row.saved_at = data, engine.clock.now()
        session.add(row)
        session.commit()


def get(*, engine: Engine, username: str, task_id: str) -> FormDraft | None:
    """The user's own draft of a task, if any."""
    with read_session(engine.db) as session:
        found: FormDraft | None = session.exec(_draft_of(username, task_id)).first()
        return found


def task_ids(*, engine: Engine, username: str) -> set[str]:
    """Open tasks the user has a draft of (drafts of closed ones are purged on the way)."""
    with read_session(engine.db) as session:
        rows = session.exec(
            select(col(FormDraft.task_id), col(HumanTask.status))
            .join(HumanTask, col(HumanTask.id) == col(FormDraft.task_id))
            .where(col(FormDraft.username) == username)
        ).all()
    if any(status != TaskStatus.READY for _, status in rows):
        purge_closed(engine=engine)
    return {task_id for task_id, status in rows if status == TaskStatus.READY}


def delete_for_task(*, engine: Engine, task_id: str) -> None:
    """Every draft of a task (after it was completed)."""
    with write_session(engine.db) as session:
        session.execute(delete(FormDraft).where(col(FormDraft.task_id) == task_id))
        session.commit()


def purge_closed(*, engine: Engine) -> int:
    """Delete drafts of tasks that are no longer open; returns how many."""
    with write_session(engine.db) as session:
        result = session.execute(
            delete(FormDraft).where(col(FormDraft.task_id).in_(_closed_tasks()))
        )
        session.commit()
        return int(getattr(result, "rowcount", 0) or 0)
