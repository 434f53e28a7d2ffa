"""Two writers on one case: one wins, the other gets a conflict, nothing is lost."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlmodel import Session

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
