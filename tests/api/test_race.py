"""Two caseworkers of one agency complete the same task at the same moment:
one 200, one 409, one audit event."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlmodel import Session

from engine.db import write_session
from engine.facade import Engine
from engine.models import AuditEvent, User
from tests.api.conftest import API, CHEAP_HASH, AsUser, only, sign_in, start_case

ROUNDS = 5
DATA = {"identification_result": "not_victim"}


def add_caseworker(engine: Engine, username: str) -> None:
    with write_session(engine.db) as session:
        session.add(
            User(
                username=username,
                password_hash=CHEAP_HASH,
                agency="police",
                roles=["caseworker"],
                created_at=engine.clock.now(),
            )
        )
        session.commit()


def at_once(calls: list[Callable[[], httpx.Response]]) -> list[httpx.Response]:
    """Run the calls in threads released together."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        results[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def completions(engine: Engine, task_id: str) -> int:
    with Session(engine.db) as session:
        return session.execute(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.task_id == task_id, AuditEvent.action == "task.completed")
        ).scalar_one()


def test_race_two_caseworkers_complete_same_task_one_wins(
    app: FastAPI, api_engine: Engine, as_user: AsUser
) -> None:
    add_caseworker(api_engine, "police_2")
    with TestClient(app) as one, TestClient(app) as two:
        tokens = [
            sign_in(c, u).json()["access_token"] for c, u in ((one, "police"), (two, "police_2"))
        ]
        for _ in range(ROUNDS):
            task = only(start_case(as_user("border"))["case"]["open_tasks"], "Identify the person")
            url = f"{API}/tasks/{task['id']}/complete"
            responses = at_once(
                [
                    lambda c=c, t=t, url=url: c.post(
                        url, json={"data": DATA}, headers={"Authorization": f"Bearer {t}"}
                    )
                    for c, t in zip((one, two), tokens, strict=True)
                ]
            )
            assert sorted(r.status_code for r in responses) == [200, 409]
            loser = next(r for r in responses if r.status_code == 409)
            assert loser.json()["title"] in {"Task not open", "Concurrent update"}
            assert completions(api_engine, task["id"]) == 1


def test_race_same_idempotency_key_twice_at_once_acts_once(
    app: FastAPI, api_engine: Engine, as_user: AsUser
) -> None:
    with TestClient(app) as one, TestClient(app) as two:
        token = sign_in(one, "police").json()["access_token"]
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "same"}
        task = only(start_case(as_user("border"))["case"]["open_tasks"], "Identify the person")
        url = f"{API}/tasks/{task['id']}/complete"
        responses = at_once(
            [lambda c=c: c.post(url, json={"data": DATA}, headers=headers) for c in (one, two)]
        )
    assert [r.status_code for r in responses] == [200, 200]
    assert responses[0].json() == responses[1].json()
    assert completions(api_engine, task["id"]) == 1
