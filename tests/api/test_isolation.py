"""No diagram can stop the server: each of issue 20's attacks runs against a real server with
step hosts (api/stephosts.py) while `/healthz` and another agency's inbox are asked every
0.1 s; each answers within a second throughout, and the attack's step fails cleanly (SQLite,
and PostgreSQL when NRM_TEST_DATABASE_URL is set).

The C-level call (`a in [b] * 5000` on lists of a million items: minutes of one call the
trace hook cannot interrupt) is stopped by killing its host at the wall-clock limit (1.5 s
here): 422 naming the element and the limit, nothing stored, the case halted, a new host
answering the next step."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlmodel import Session, select

from engine.facade import Engine
from engine.models import AuditEvent, CaseHalt
from tests.api.conftest import PASSWORD, create_users
from tests.conftest import SIMPLE, fixture_files
from tests.engine.test_step_limits import (
    _with_cardinality,
    assert_unchanged,
    attack_task,
    hostile_files,
)
from tests.uvicorn_server import UvicornServer

pytestmark = pytest.mark.server

TIME_LIMIT_S = 1.5
ANSWER_LIMIT_S = 1.0
PROBE_EVERY_S = 0.1


@pytest.fixture
def isolation_engine(db: Any, settings: Any, clock: Any) -> Engine:
    engine = Engine(db, settings=settings, clock=clock)
    engine.deploy(hostile_files() + fixture_files(*SIMPLE), deployed_by="test")
    create_users(db, clock.now())
    return engine


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[UvicornServer]:
    environ = {
        "NRM_STEP_PROCESSES": "2",
        "NRM_STEP_TIME_LIMIT": str(TIME_LIMIT_S),
        "NRM_INPROCESS_WORKER": "0",
    }
    started = UvicornServer(database_url, tmp_path / "server.log", environ)
    try:
        yield started
    finally:
        started.kill()


def _token(url: str, username: str) -> dict[str, str]:
    data = {"username": username, "password": PASSWORD}
    response = httpx.post(url + "/api/v1/auth/token", data=data, timeout=10)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


class Probes:
    """`/healthz` and the crisis centre's inbox, asked every 0.1 s until stopped: how long
    each answer took and its status (0: no answer)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.inbox_headers = _token(url, "ngo")
        self.answers: list[tuple[str, float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def __enter__(self) -> Probes:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(30)

    def _run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=10) as client:
            while not self._stop.is_set():
                self._ask(client, "/healthz", {})
                self._ask(client, "/api/v1/tasks", self.inbox_headers)
                self._stop.wait(PROBE_EVERY_S)

    def _ask(self, client: httpx.Client, path: str, headers: dict[str, str]) -> None:
        started = time.monotonic()
        try:
            status = client.get(path, headers=headers).status_code
        except httpx.HTTPError:
            status = 0
        self.answers.append((path, time.monotonic() - started, status))

    def assert_answered_in_time(self, least: int) -> None:
        late = [a for a in self.answers if a[1] >= ANSWER_LIMIT_S or a[2] != 200]
        assert len(self.answers) >= least and not late, (late, len(self.answers))


def _complete(server: UvicornServer, task_id: str, data: dict[str, Any]) -> httpx.Response:
    return httpx.post(
        f"{server.url}/api/v1/tasks/{task_id}/complete",
        json={"data": data},
        headers=_token(server.url, "police"),
        timeout=30,
    )


def _attack(
    server: UvicornServer, task_id: str, data: dict[str, Any], beside: str | None = None
) -> httpx.Response:
    """Complete the police's attack task while the probes run (and, `beside` it, another
    case's task harmlessly: its answer is checked here)."""
    with Probes(server.url) as probes:
        time.sleep(0.3)  # the probes are under way before the attack starts
        others: list[httpx.Response] = []
        other = threading.Thread(
            target=lambda: (
                time.sleep(0.5),
                others.append(_complete(server, beside, {"attack": "none"})),
            ),
        )
        if beside is not None:
            other.start()
        response = _complete(server, task_id, data)
        if beside is not None:
            other.join(60)
            # It waited for the runaway's write lock on SQLite: that is not held against it.
            assert [r.status_code for r in others] == [200], [r.text for r in others]
        time.sleep(0.3)
    probes.assert_answered_in_time(least=8)
    return response


def _warm_both_hosts(engine: Engine, server: UvicornServer) -> None:
    """Two steps at once (each goes to a free host): both hosts are up before the attack."""
    tasks = [attack_task(engine)[1] for _ in range(2)]
    answers: list[int] = []
    threads = [
        threading.Thread(
            target=lambda t=t: answers.append(_complete(server, t, {"attack": "none"}).status_code)
        )
        for t in tasks
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert answers == [200, 200]


def test_a_c_level_call_is_stopped_at_the_wall_clock_limit_and_the_server_keeps_answering(
    isolation_engine: Engine, server: UvicornServer
) -> None:
    _warm_both_hosts(isolation_engine, server)
    case_id, task_id, version = attack_task(isolation_engine)
    _other_case, other_task, _version = attack_task(isolation_engine)
    response = _attack(server, task_id, {"attack": "compare"}, beside=other_task)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert problem["title"] == "Step limit exceeded"
    assert problem["element_id"] == "script_compare" and problem["process_id"] == "hostile"
    assert problem["limit"] == "NRM_STEP_TIME_LIMIT" and problem["seconds"] == TIME_LIMIT_S
    assert "script_compare" in problem["detail"] and "Nothing of it was saved" in problem["detail"]
    assert_unchanged(isolation_engine, case_id, task_id, version)
    with Session(isolation_engine.db) as session:
        halt = session.get(CaseHalt, case_id)
        events = session.exec(select(AuditEvent.action).where(AuditEvent.case_id == case_id))
        actions = list(events.all())
    assert halt is not None and halt.element_id == "script_compare"
    assert actions == ["case.started", "case.halted"]  # nothing of the step itself
    # A new host answers the next step: the same case, a harmless path.
    fine = _complete(server, task_id, {"attack": "none"})
    assert fine.status_code == 200, fine.text


def test_huge_variables_are_refused_in_the_host_and_the_server_keeps_answering(
    isolation_engine: Engine, server: UvicornServer
) -> None:
    # x = [0] * 10**6; y = [x] * 300: refused while becoming case data, before the limit.
    case_id, task_id, version = attack_task(isolation_engine)
    response = _attack(server, task_id, {"attack": "bulk"})
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["title"] == "Script limit exceeded" and problem["element_id"] == "script_bulk"
    assert_unchanged(isolation_engine, case_id, task_id, version)
    with Session(isolation_engine.db) as session:
        assert session.get(CaseHalt, case_id) is None  # refused, not stopped: nothing to halt


def test_a_large_cardinality_is_refused_and_the_server_keeps_answering(
    isolation_engine: Engine, server: UvicornServer
) -> None:
    case_id, task_id, version = attack_task(isolation_engine)
    response = _attack(server, task_id, {"attack": "instances", "count": 200_000})
    assert response.status_code == 422, response.text
    assert "NRM_MAX_INSTANCES" in response.json()["detail"]
    assert_unchanged(isolation_engine, case_id, task_id, version)
    # Known beforehand, it is refused when the diagram is validated.
    headers = _token(server.url, "policy")
    files = [("files", (f.name, f.content)) for f in _with_cardinality("200000")]
    refused = httpx.post(f"{server.url}/api/v1/processes", files=files, headers=headers, timeout=30)
    assert refused.status_code == 422, refused.text
    assert any(p["element_id"] == "task_each" for p in refused.json()["problems"])
