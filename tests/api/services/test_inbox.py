"""The inbox keyset cursor across tasks with and without a deadline."""

from __future__ import annotations

from datetime import timedelta

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.api.conftest import AsUser, start_case


def test_inbox_cursor_walks_past_tasks_without_deadline(
    as_user: AsUser, api_engine: Engine, clock: FakeClock
) -> None:
    first = start_case(as_user("border"))["case"]["id"]
    clock.advance(timedelta(hours=24, minutes=30))
    api_engine.fire_due_timers()  # the first case: its overdue task and an escalation without one
    later = []
    for _ in range(2):
        clock.advance(timedelta(minutes=1))
        later.append(start_case(as_user("border"))["case"]["id"])
    police = as_user("police")
    expected = [t["id"] for t in police.get("/tasks").json()["data"]]
    assert len(expected) == 4
    seen, cursor = [], None
    while True:
        params = {"limit": "1", **({"cursor": cursor} if cursor else {})}
        page = police.get("/tasks", params=params).json()
        seen += [t["id"] for t in page["data"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == expected
    cases = [t["case_id"] for t in police.get("/tasks").json()["data"]]
    assert cases == [first, *later, first]
