"""Two writers on one case: one wins, the other gets a conflict, nothing is lost."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

import pytest
from sqlalchemy import select
from sqlmodel import Session

from engine import audit, store
from engine.db import write_session
from engine.errors import ConflictError
from engine.facade import Engine
from engine.models import AuditEvent, Case
from engine.store import save_case

REPORT = {"pseudonym": "Aigul", "age": 24}


def race(workers: list[Callable[[], object]]) -> list[object]:
    """Run the callables at the same moment in threads; return results or exceptions."""
    barrier = threading.Barrier(len(workers))
    results: list[object] = [None] * len(workers)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = workers[i]()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(workers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_complete_same_task_twice_at_once_exactly_one_wins(simple_engine: Engine) -> None:
    case = simple_engine.start_case("simple", REPORT, agency="border", actor="border").case
    task_id = case.open_tasks[0].id

    def complete(user: str) -> Callable[[], object]:
        return lambda: simple_engine.complete_task(
            task_id, {"screening_result": "presumed_victim"}, actor=user, agency="police"
        )

    results = race([complete("police"), complete("police_2")])
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], ConflictError), results
    with Session(simple_engine.db) as session:
        completions = (
            session.execute(select(AuditEvent).where(AuditEvent.action == "task.completed"))
            .scalars()
            .all()
        )
    assert len(completions) == 1
    assert [t.name for t in simple_engine.case_tasks(case.id)] == ["Provide shelter"]


def test_complete_tasks_of_different_cases_at_once_both_succeed(simple_engine: Engine) -> None:
    tasks = [
        simple_engine.start_case("simple", REPORT, agency="border", actor="border")
        .case.open_tasks[0]
        .id
        for _ in range(4)
    ]
    results = race(
        [
            lambda t=t: simple_engine.complete_task(  # type: ignore[misc]
                t, {"screening_result": "not_victim"}, actor="police", agency="police"
            )
            for t in tasks
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)], results


def test_save_case_with_stale_version_conflicts(simple_engine: Engine) -> None:
    case_id = simple_engine.start_case("simple", REPORT, agency="border", actor="border").case.id
    with Session(simple_engine.db) as session:
        case = session.get(Case, case_id)
        assert case is not None
        session.expunge(case)  # a copy read before someone else's update
        case.version -= 1
        with pytest.raises(ConflictError):
            save_case(session, case, b"stale")


def test_a_conflict_in_a_batch_is_raised_when_the_batch_ends_and_nothing_is_kept(
    simple_engine: Engine,
) -> None:
    """Writes of a batch go out together (one round trip on PostgreSQL); the stale-version
    check then runs when the batch ends, and the whole unit rolls back."""
    case_id = simple_engine.start_case("simple", REPORT, agency="border", actor="border").case.id
    reached: list[str] = []
    with pytest.raises(ConflictError), write_session(simple_engine.db) as session:
        row = store.lock_case(session, case_id)
        assert row is not None
        with store.batch(session):
            audit.record(session, at=row.updated_at, actor="t", action="test.batched")
            save_case(session, replace(row, version=row.version - 1), b"stale")
            reached.append("after the stale save")  # its check waits for the batch's end
        reached.append("after the batch")
        session.commit()
    assert reached == ["after the stale save"]
    with Session(simple_engine.db) as session:
        events = session.execute(select(AuditEvent).where(AuditEvent.action == "test.batched"))
        assert events.scalars().all() == []
        case = session.get(Case, case_id)
        assert case is not None and case.state != b"stale" and case.version == row.version


def test_a_failing_statement_in_a_batch_rolls_the_unit_back(simple_engine: Engine) -> None:
    case_id = simple_engine.start_case("simple", REPORT, agency="border", actor="border").case.id
    with pytest.raises(Exception) as raised, write_session(simple_engine.db) as session:
        row = store.lock_case(session, case_id)
        assert row is not None
        with store.batch(session):
            audit.record(session, at=row.updated_at, actor="t", action="test.batched")
            store.insert_case(session, row, b"")  # the same id again: refused by the database
        session.commit()
    assert "unique" in str(raised.value).lower() or "Integrity" in type(raised.value).__name__
    with Session(simple_engine.db) as session:
        events = session.execute(select(AuditEvent).where(AuditEvent.action == "test.batched"))
        assert events.scalars().all() == []
    # The case is still whole: its open task completes.
    task = simple_engine.get_case(case_id).open_tasks[0]
    step = simple_engine.complete_task(
        task.id, {"screening_result": "presumed_victim"}, actor="police", agency="police"
    )
    assert [t.name for t in step.opened] == ["Provide shelter"]
