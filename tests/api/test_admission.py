"""Admission control and answers under load: a full queue gets 503 with `Retry-After`
(problem+json for the API, a page for the pages), `/healthz` is never queued and answers on
its own thread within its time limit, and a pool that has no connection free is a 503 too."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import anyio
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api import admission
from api.admission import AdmissionMiddleware, Turns
from api.app import create_app
from api.routes import health
from engine.config import Settings
from engine.db import make_engine
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.api.conftest import API, PROBLEM_JSON, sign_in
from tests.forms.conftest import Browser

# --- Turns: the bounded semaphore with a bounded queue ---------------------------------


def test_turns_admit_up_to_the_slots_then_queue_up_to_the_limit_then_refuse() -> None:
    async def main() -> list[Any]:
        turns = Turns(slots=2, max_waiting=1)
        got = [await turns.take(), await turns.take()]
        order: list[str] = []

        async def waiter(name: str) -> None:
            order.append(f"{name} {await turns.take()}")

        async with anyio.create_task_group() as group:
            group.start_soon(waiter, "third")
            await anyio.sleep(0.01)  # the third waits
            got.append(await turns.take())  # a fourth: the queue is full
            turns.give_back()  # the first one ends: the third gets its turn
        return [got, order, turns.free, len(turns.waiting)]

    assert anyio.run(main) == [[True, True, False], ["third True"], 0, 0]


def test_a_turn_given_to_a_cancelled_waiter_goes_to_the_next() -> None:
    async def main() -> tuple[int, int]:
        turns = Turns(slots=1, max_waiting=5)
        await turns.take()
        async with anyio.create_task_group() as group:
            group.start_soon(turns.take)
            await anyio.sleep(0.01)
            group.cancel_scope.cancel()  # the waiter leaves before its turn
        turns.give_back()
        return turns.free, len(turns.waiting)

    assert anyio.run(main) == (1, 0)


# --- the app under a full queue ---------------------------------------------------------


@pytest.fixture
def busy_app(api_engine: Engine, api_settings: Settings) -> Iterator[tuple[FastAPI, Any]]:
    """An app with 2 requests in flight (1 thread) and 1 waiting at most, and a route that
    holds its turn until released."""
    settings = replace(api_settings, api_threads=1, max_queued_requests=1)
    app = create_app(settings, api_engine)
    release = threading.Event()

    async def hold() -> dict[str, str]:
        while not release.is_set():
            await anyio.sleep(0.01)
        return {}

    app.add_api_route(API + "/hold", hold)
    yield app, release
    release.set()


def _turns(app: FastAPI) -> Turns:
    layer: Any = app.middleware_stack
    while not isinstance(layer, AdmissionMiddleware):
        layer = layer.app
    return layer.turns


def _fill(client: TestClient, app: FastAPI) -> list[threading.Thread]:
    """Two requests in flight and one waiting: the queue is full."""
    held = [threading.Thread(target=client.get, args=(API + "/hold",)) for _ in range(3)]
    for thread in held:
        thread.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(_turns(app).waiting) < 1:
        time.sleep(0.01)
    assert _turns(app).free == 0 and len(_turns(app).waiting) == 1
    return held


def test_a_full_queue_is_503_with_retry_after_for_the_api_and_the_pages(
    busy_app: tuple[FastAPI, Any],
) -> None:
    app, release = busy_app
    with TestClient(app) as client:
        token = sign_in(client, "police").json()["access_token"]
        held = _fill(client, app)
        api = client.get(API + "/cases", headers={"Authorization": f"Bearer {token}"})
        page = client.get("/inbox")
        healthz = client.get("/healthz")
        release.set()
        for thread in held:
            thread.join(10)
        after = client.get(API + "/cases", headers={"Authorization": f"Bearer {token}"})
    assert (api.status_code, api.headers["content-type"]) == (503, PROBLEM_JSON)
    assert api.headers["retry-after"] == str(admission.RETRY_AFTER_S)
    assert api.json()["title"] == "Service unavailable"
    assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
    assert page.headers["retry-after"] == str(admission.RETRY_AFTER_S)
    assert "Сервер сейчас занят" in page.text  # the page speaks the session's language
    assert page.headers["cache-control"] == "no-store"
    assert healthz.status_code == 200  # never queued
    assert after.status_code == 200


# --- /healthz on its own thread, within its time limit ------------------------------------


def test_health_answers_while_every_request_thread_is_busy(
    api_engine: Engine, api_settings: Settings
) -> None:
    app = create_app(replace(api_settings, api_threads=1), api_engine)
    release = threading.Event()
    app.add_api_route(API + "/block", lambda: release.wait(10) and {})  # sync: holds the thread
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200  # (first-time costs out of the way)
        blocker = threading.Thread(target=client.get, args=(API + "/block",))
        blocker.start()
        time.sleep(0.2)
        started = time.monotonic()
        response = client.get("/healthz")
        took = time.monotonic() - started
        release.set()
        blocker.join(10)
    assert response.json() == {"status": "ok", "database": "ok"}
    assert took < 1.0  # not after the blocked request (10 s)


def test_health_gives_up_on_a_database_that_does_not_answer_in_time(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "_select_one", lambda _engine: time.sleep(5) or "ok")
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 2.5  # gave up after HEALTH_TIMEOUT_S, not 5 s
    assert (response.status_code, response.headers["content-type"]) == (503, PROBLEM_JSON)
    assert response.json()["database"] == "no answer"
    assert response.headers["retry-after"] == str(admission.RETRY_AFTER_S)
    started = time.monotonic()  # the check still waiting is not started again
    assert client.get("/healthz").json()["database"] == "no answer"
    assert time.monotonic() - started < health.HEALTH_TIMEOUT_S


# --- no connection free in the pool ------------------------------------------------------


def test_a_pool_without_a_free_connection_is_503_not_500(
    api_engine: Engine, api_settings: Settings, database_url: str, clock: FakeClock
) -> None:
    tiny = make_engine(database_url, pool_size=1, max_overflow=0, pool_timeout=0.1)
    app = create_app(api_settings, Engine(tiny, settings=api_settings, clock=clock))
    browser = Browser(app)
    browser.sign_in("police")
    with TestClient(app) as client:
        token = sign_in(client, "police").json()["access_token"]
        with tiny.connect():  # the only connection is taken
            api = client.get(API + "/me", headers={"Authorization": f"Bearer {token}"})
            page = browser.get("/inbox")
    browser.client.close()
    tiny.dispose()
    assert (api.status_code, api.headers["content-type"]) == (503, PROBLEM_JSON)
    assert api.headers["retry-after"] == str(admission.RETRY_AFTER_S)
    assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
    assert page.headers["retry-after"] == str(admission.RETRY_AFTER_S)
