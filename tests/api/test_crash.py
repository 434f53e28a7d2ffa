"""Crash safety: a real uvicorn process receives a stream of completions and is killed with
SIGKILL mid-stream, then restarted. Every completion acknowledged with 200 is in the
database exactly once, no case is half-applied, and retrying the unacknowledged ones with
their Idempotency-Key completes each exactly once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from api.models import IdempotencyKey
from engine.facade import Engine
from engine.models import AuditEvent, Case, HumanTask
from tests.api.conftest import PASSWORD, create_users
from tests.conftest import SIMPLE, fixture_files
from tests.uvicorn_server import UvicornServer

pytestmark = pytest.mark.server

CASES = 60
KILL_AFTER = 15  # acknowledged completions before the kill
DATA = {"screening_result": "not_victim"}


@pytest.fixture
def crash_engine(db: Any, settings: Any, clock: Any) -> Engine:
    engine = Engine(db, settings=settings, clock=clock)
    engine.deploy(fixture_files(*SIMPLE), deployed_by="test")
    create_users(db, clock.now())
    return engine


@pytest.fixture
def server_log(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "server.log"
    yield path


def token(url: str) -> str:
    response = httpx.post(
        url + "/api/v1/auth/token", data={"username": "police", "password": PASSWORD}, timeout=10
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def stream(
    url: str, bearer: str, tasks: list[str], acked: list[str], stop: threading.Event
) -> None:
    """Complete the tasks one after another until the server dies."""
    with httpx.Client(base_url=url, timeout=60) as client:  # a loaded machine starts slowly
        for i, task_id in enumerate(tasks):
            if stop.is_set():
                return
            try:
                response = client.post(
                    f"/api/v1/tasks/{task_id}/complete",
                    json={"data": DATA},
                    headers={"Authorization": f"Bearer {bearer}", "Idempotency-Key": f"c-{i}"},
                )
            except httpx.HTTPError:
                return
            if response.status_code == 200:
                acked.append(task_id)


def complete_until_killed(server: UvicornServer, tasks: list[str]) -> list[str]:
    """Stream completions; SIGKILL the server once KILL_AFTER were acknowledged."""
    acked: list[str] = []
    stop = threading.Event()
    client = None
    try:
        bearer = token(server.url)
        client = threading.Thread(target=stream, args=(server.url, bearer, tasks, acked, stop))
        client.start()
        deadline = time.monotonic() + 90
        while len(acked) < KILL_AFTER and client.is_alive() and time.monotonic() < deadline:
            time.sleep(0.001)
    finally:
        server.kill()
        stop.set()
    if client is not None:
        client.join(10)
    return list(acked)


def retry_all(server: UvicornServer, tasks: list[str]) -> None:
    """Send every completion again with its key: each must answer 200."""
    try:
        bearer = token(server.url)
        with httpx.Client(base_url=server.url, timeout=60) as client:
            for i, task_id in enumerate(tasks):
                response = client.post(
                    f"/api/v1/tasks/{task_id}/complete",
                    json={"data": DATA},
                    headers={"Authorization": f"Bearer {bearer}", "Idempotency-Key": f"c-{i}"},
                )
                assert response.status_code == 200, response.text
    finally:
        server.kill()


def counts(engine: Engine) -> dict[str, Any]:
    """Per case: status, version, task status, completion events; and the key rows."""
    with Session(engine.db) as session:
        cases = {c.id: c for c in session.execute(select(Case)).scalars()}
        tasks = {t.case_id: t for t in session.execute(select(HumanTask)).scalars()}
        events = dict(
            session.execute(
                select(AuditEvent.task_id, func.count())
                .where(AuditEvent.action == "task.completed")
                .group_by(AuditEvent.task_id)
            ).all()
        )
        keys = session.execute(select(func.count()).select_from(IdempotencyKey)).scalar_one()
    return {"cases": cases, "tasks": tasks, "events": events, "keys": keys}


def assert_consistent(state: dict[str, Any]) -> int:
    """Each case is either untouched or fully completed; returns how many are completed."""
    done = 0
    for case_id, case in state["cases"].items():
        task = state["tasks"][case_id]
        if task.status == "completed":
            assert (case.status, case.version, case.outcome) == ("completed", 2, "not_victim")
            assert state["events"].get(task.id) == 1
            done += 1
        else:
            assert (task.status, case.status, case.version) == ("ready", "open", 1)
            assert task.id not in state["events"]
    assert state["keys"] == done
    return done


def test_crash_sigkill_mid_stream_keeps_every_acknowledged_completion_once(
    crash_engine: Engine, database_url: str, server_log: Path
) -> None:
    tasks = [
        crash_engine.start_case("simple", {"pseudonym": f"P{i}"}, agency="border", actor="border")
        .opened[0]
        .id
        for i in range(CASES)
    ]
    acked = complete_until_killed(UvicornServer(database_url, server_log), tasks)
    assert KILL_AFTER <= len(acked) < CASES, "the kill did not land mid-stream"

    state = counts(crash_engine)
    completed = assert_consistent(state)
    by_id = {t.id: t for t in state["tasks"].values()}
    assert all(by_id[t].status == "completed" for t in acked)
    assert completed in (len(acked), len(acked) + 1)  # at most the one in flight

    retry_all(UvicornServer(database_url, server_log), tasks)
    assert assert_consistent(counts(crash_engine)) == CASES
