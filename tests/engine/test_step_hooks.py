"""Engine changes made for the API: a hook inside a step's transaction, and timer pickup
that skips a case another transaction holds (PostgreSQL `SKIP LOCKED`)."""

from __future__ import annotations

import os
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlmodel import Session

from engine.facade import Engine
from engine.models import AuditEvent, Case, HumanTask
from engine.spiff.clock import FakeClock
from engine.views import StepResult

REPORT = {"pseudonym": "Aigul", "full_name": "A. B.", "age": 24}


class Boom(Exception):
    """Raised by a hook to prove the step rolls back with it."""


def test_complete_task_runs_hook_inside_the_transaction(simple_engine: Engine) -> None:
    case = simple_engine.start_case("simple", REPORT, agency="border", actor="border").case
    seen: list[tuple[str, int]] = []

    def hook(session: Session, result: StepResult) -> None:
        row = session.get(HumanTask, case.open_tasks[0].id)
        assert row is not None
        seen.append((row.status, result.case.version))

    simple_engine.complete_task(
        case.open_tasks[0].id,
        {"screening_result": "not_victim"},
        actor="police",
        agency="police",
        within=hook,
    )
    assert seen == [("completed", case.version + 1)]


def test_complete_task_rolls_back_when_hook_fails(simple_engine: Engine) -> None:
    case = simple_engine.start_case("simple", REPORT, agency="border", actor="border").case
    task_id = case.open_tasks[0].id

    def hook(session: Session, result: StepResult) -> None:
        raise Boom

    with pytest.raises(Boom):
        simple_engine.complete_task(
            task_id,
            {"screening_result": "not_victim"},
            actor="police",
            agency="police",
            within=hook,
        )
    assert simple_engine.get_task(task_id).status == "ready"
    assert simple_engine.get_case(case.id).version == case.version
    with Session(simple_engine.db) as session:
        count = session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    assert count == 1  # case.started only
    done = simple_engine.complete_task(
        task_id, {"screening_result": "not_victim"}, actor="police", agency="police"
    )
    assert done.case.status == "completed"


def test_start_case_rolls_back_when_hook_fails(simple_engine: Engine) -> None:
    def hook(session: Session, result: StepResult) -> None:
        raise Boom

    with pytest.raises(Boom):
        simple_engine.start_case("simple", REPORT, agency="border", actor="border", within=hook)
    with Session(simple_engine.db) as session:
        assert session.execute(select(func.count()).select_from(Case)).scalar_one() == 0


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("NRM_TEST_DATABASE_URL"), reason="PostgreSQL only")
def test_fire_due_timers_skips_a_case_held_by_another_transaction(
    simple_engine: Engine, clock: FakeClock
) -> None:
    case = simple_engine.start_case("simple", REPORT, agency="border", actor="border").case
    clock.advance(timedelta(hours=25))
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with simple_engine.db.begin() as conn:
            conn.execute(text("SELECT id FROM nrm_case WHERE id = :id FOR UPDATE"), {"id": case.id})
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)
        assert simple_engine.fire_due_timers() == []  # skipped at once, not queued
    finally:
        release.set()
        holder.join()
    assert simple_engine.fire_due_timers() == [case.id]
    assert simple_engine.fire_due_timers() == []
