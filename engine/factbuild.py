"""Rebuild the statistics facts of cases from their workflow state (engine/facts.py).

Steps keep facts as they run; cases started before facts existed (migration 0006), or
whose forms were marked later, have none. This reads each such case once: the start data
from the root of its task tree with the start form, then every completed human task, in the
order they were completed, with its form and the data it completed with. The marks are read
from the newest version's forms (the case's own version may predate them).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import exists
from sqlalchemy.engine import Engine as Database
from sqlmodel import col, select

from engine import runtime, store
from engine.context import EngineContext
from engine.db import read_session, write_session
from engine.facts import facts_of, milestone_facts
from engine.models import Case, CaseFact, HumanTask, TaskStatus
from engine.tasklookup import workflow_task


def rebuild(ctx: EngineContext, db: Database, *, every_case: bool = False) -> int:
    """Facts of every case without any (or of every case); returns how many cases got facts."""
    with read_session(db) as session:
        query = select(Case.id)
        if not every_case:
            query = query.where(~exists().where(col(CaseFact.case_id) == col(Case.id)))
        case_ids = list(session.exec(query.order_by(col(Case.created_at))).all())
    return sum(_rebuild_case(ctx, db, case_id) for case_id in case_ids)


def _rebuild_case(ctx: EngineContext, db: Database, case_id: str) -> bool:
    with write_session(db) as session:
        case = store.lock_case(session, case_id)
        assert case is not None
        loaded = ctx.library.version(session, case.process_version_id)
        workflow: Any = ctx.restore(store.load_state(session, case_id), loaded)
        # What is counted is what the newest forms mark (a case's own version may predate
        # the marks); a form the newest version no longer has is read as the case had it.
        newest = ctx.library.latest(session, case.process_id).bundle

        def form(name: str | None) -> Any:
            return newest.form(name) or loaded.bundle.form(name)

        start_form = form(loaded.definition.start_form)
        kept = 0
        facts = facts_of(start_form, workflow.task_tree.data, case.created_at)
        store.record_facts(session, case_id, facts, case.created_at)
        kept += len(facts)
        done = session.exec(
            select(HumanTask)
            .where(col(HumanTask.case_id) == case_id, col(HumanTask.status) == TaskStatus.COMPLETED)
            .order_by(col(HumanTask.completed_at))
        ).all()
        for row in done:
            task = workflow_task(workflow, UUID(row.id))
            if task is None or row.completed_at is None:
                continue
            facts = facts_of(form(row.form), task.data, row.completed_at)
            store.record_facts(session, case_id, facts, row.completed_at)
            kept += len(facts)
        for name, at in runtime.event_milestones(workflow):
            when = at or case.updated_at
            store.record_facts(session, case_id, milestone_facts([name], when), when)
            kept += 1
        session.commit()
    return kept > 0
