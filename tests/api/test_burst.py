"""A burst: 100 clients of one signed-in caseworker read cases and tasks as fast as they can
against a real uvicorn process. Nothing answers 500, the requests beyond the queue get 503
with `Retry-After`, and `/healthz` answers within a second throughout (SQLite, and
PostgreSQL when NRM_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from engine.facade import Engine
from tests.api.conftest import PASSWORD, create_users
from tests.conftest import SIMPLE, fixture_files
from tests.uvicorn_server import UvicornServer

pytestmark = pytest.mark.server

CLIENTS = 100
SECONDS = 4.0
HEALTH_LIMIT_S = 1.0
CLIENT_TIMEOUT_S = 8.0
# Fewer than the clients may wait, so the burst also meets the queue's limit (the default
# queue holds 100).
QUEUED = 40
# Each answer: (status, whether it had Retry-After); status 0 = no answer within the timeout.
Seen = Counter[tuple[int, bool]]


@pytest.fixture
def burst_engine(db: Any, settings: Any, clock: Any) -> Engine:
    engine = Engine(db, settings=settings, clock=clock)
    engine.deploy(fixture_files(*SIMPLE), deployed_by="test")
    create_users(db, clock.now())
    return engine


def _token(url: str) -> str:
    data = {"username": "police", "password": PASSWORD}
    response = httpx.post(url + "/api/v1/auth/token", data=data, timeout=10)
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


async def _client(
    client: httpx.AsyncClient, paths: itertools.cycle[str], until: float, seen: Seen
) -> None:
    """One client: requests back to back until the time is up."""
    while time.monotonic() < until:
        try:
            response = await client.get(next(paths))
        except httpx.HTTPError:
            seen[(0, False)] += 1  # no answer in time: the server froze
            continue
        seen[(response.status_code, "retry-after" in response.headers)] += 1


async def _burst(url: str, token: str, paths: list[str]) -> Seen:
    seen: Seen = Counter()
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        base_url=url, headers=headers, limits=limits, timeout=CLIENT_TIMEOUT_S
    ) as client:
        until = time.monotonic() + SECONDS
        starts = [i % len(paths) for i in range(CLIENTS)]  # each client starts elsewhere
        await asyncio.gather(
            *(_client(client, itertools.cycle(paths[i:] + paths[:i]), until, seen)
              for i in starts)
        )  # fmt: skip
    return seen


def _probe(url: str, stop: threading.Event, answers: list[tuple[float, int, Any]]) -> None:
    """`/healthz` every 0.1 s: how long each took, its status and body (0: no answer)."""
    with httpx.Client(base_url=url, timeout=CLIENT_TIMEOUT_S) as client:
        while not stop.is_set():
            started = time.monotonic()
            try:
                response = client.get("/healthz")
                status, body = response.status_code, response.json()
            except httpx.HTTPError as exc:
                status, body = 0, type(exc).__name__
            answers.append((time.monotonic() - started, status, body))
            stop.wait(0.1)


def _status_after(url: str, token: str) -> int:
    try:
        headers = {"Authorization": f"Bearer {token}"}
        return httpx.get(url + "/api/v1/cases", headers=headers, timeout=2).status_code
    except httpx.HTTPError:
        return 0


def test_a_burst_of_reads_gets_no_500_and_healthz_keeps_answering(
    burst_engine: Engine, database_url: str, tmp_path: Path
) -> None:
    tasks = [
        burst_engine.start_case("simple", {"pseudonym": f"P{i}"}, agency="border", actor="border")
        .opened[0]
        .id
        for i in range(4)
    ]
    paths = ["/api/v1/cases", "/api/v1/tasks", *(f"/api/v1/tasks/{t}" for t in tasks)]
    environ = {"NRM_MAX_QUEUED_REQUESTS": str(QUEUED)}
    server = UvicornServer(database_url, tmp_path / "server.log", environ)
    answers: list[tuple[float, int, Any]] = []
    stop = threading.Event()
    prober = threading.Thread(target=_probe, args=(server.url, stop, answers))
    try:
        token = _token(server.url)
        prober.start()
        seen = asyncio.run(_burst(server.url, token, paths))
        after = _status_after(server.url, token)
    finally:
        stop.set()
        prober.join(30)
        server.kill()
    assert set(seen) <= {(200, False), (503, True)}, seen  # no 500, no freeze, no bare 503
    assert seen[(200, False)] > 0 and seen[(503, True)] > 0, seen  # served, and refused
    assert after == 200  # once it is over, the server answers at once
    slow = [a for a in answers if a[0] >= HEALTH_LIMIT_S or a[1] != 200]
    assert len(answers) >= SECONDS * 5 and not slow, (slow, len(answers))
    assert all(body == {"status": "ok", "database": "ok"} for _, _, body in answers)
