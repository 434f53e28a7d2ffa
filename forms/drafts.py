"""Drafts: save a half-filled form without validating it, resume it later; and the report
being typed (one per user: saved with "Save draft", on a language switch, a refused or held
send, or when its author's sign-in had ended), given back on /report until it is sent or
thrown away, at most `KEEP_REPORT`.

Only the user who saved a draft reads it back. A draft lives only while its task is open:
the database deletes a task's drafts in the transaction that closes the task, whichever
way it closes (completed through the API or the pages, cancelled by a timer, the case
cancelled) — migration 0004's trigger on `human_task` — and no draft is saved for a task
that is no longer open.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlmodel import col, select

from engine.db import read_session, write_session
from engine.facade import Engine
from engine.models import HumanTask, TaskStatus
from forms.formview import Raw
from forms.models import FormDraft, ReportDraft

MAX_FIELDS = 500


def _draft_of(username: str, task_id: str) -> Any:
    return select(FormDraft).where(
        col(FormDraft.username) == username, col(FormDraft.task_id) == task_id
    )


def save(*, engine: Engine, username: str, task_id: str, values: dict[str, Raw]) -> bool:
    """Store (or replace) the user's draft of an open task; False when the task has closed."""
    data = dict(list(values.items())[:MAX_FIELDS])
    with write_session(engine.db) as session:
        # Locking the task row orders this write after (or before) a concurrent closing,
        # so the closing's trigger never misses the draft.
        status = session.exec(
            select(col(HumanTask.status)).where(col(HumanTask.id) == task_id).with_for_update()
        ).first()
        if status != TaskStatus.READY:
            return False
        row = session.exec(_draft_of(username, task_id)).first()
        if row is None:
            row = FormDraft(username=username, task_id=task_id, saved_at=engine.clock.now())
        row.data, row.saved_at = data, engine.clock.now()
        session.add(row)
        session.commit()
    return True


def get(*, engine: Engine, username: str, task_id: str) -> FormDraft | None:
    """The user's own draft of a task, if any."""
    with read_session(engine.db) as session:
        found: FormDraft | None = session.exec(_draft_of(username, task_id)).first()
        return found


def task_ids(*, engine: Engine, username: str) -> set[str]:
    """Tasks the user has a draft of."""
    with read_session(engine.db) as session:
        return set(
            session.exec(select(col(FormDraft.task_id)).where(col(FormDraft.username) == username))
        )


# A kept report older than the longest sign-in is of no use to anyone: it is deleted.
KEEP_REPORT = timedelta(hours=12)


def keep_report(*, engine: Engine, username: str, values: dict[str, Raw]) -> None:
    """Keep a report its author could not send (the sign-in had ended); replaces theirs."""
    data = dict(list(values.items())[:MAX_FIELDS])
    now = engine.clock.now()
    with write_session(engine.db) as session:
        _forget_old_reports(session, now)
        row = session.get(ReportDraft, username) or ReportDraft(username=username, saved_at=now)
        row.data, row.saved_at = data, now
        session.add(row)
        session.commit()


def report_of(*, engine: Engine, username: str) -> ReportDraft | None:
    """The author's kept report (its values and when it was saved), left in place; None if
    none. Reports older than `KEEP_REPORT` are deleted first, whoever's they are."""
    with write_session(engine.db) as session:
        _forget_old_reports(session, engine.clock.now())
        row: ReportDraft | None = session.get(ReportDraft, username)
        if row is not None:
            session.expunge(row)
        session.commit()
        return row


def take_report(*, engine: Engine, username: str) -> dict[str, Raw] | None:
    """The author's kept report, given back once (deleted as it is read); None if none."""
    with write_session(engine.db) as session:
        _forget_old_reports(session, engine.clock.now())
        row = session.get(ReportDraft, username)
        if row is None:
            session.commit()
            return None
        data: dict[str, Raw] = dict(row.data)
        session.delete(row)
        session.commit()
        return data


def _forget_old_reports(session: Any, now: datetime) -> None:
    session.execute(delete(ReportDraft).where(col(ReportDraft.saved_at) < now - KEEP_REPORT))
