"""The step shortcut (`api.hotpath.NrmApi`: starting a case, completing a task) answers
exactly as the FastAPI routes do, and takes only plainly well-formed requests."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlmodel import Session

from api.app import create_app
from api.hotpath import NrmApi
from api.middleware import BodyLimitMiddleware
from engine.config import Settings
from engine.facade import Engine
from engine.models import AuditEvent
from tests.api.conftest import API, REPORT, AsUser, complete, only, sign_in, start_case

PRESUMED = {"identification_result": "presumed_victim", "referral_receiver": "ngo"}
START = "POST /cases"
# A request: (user, body, extra headers, where to): a completion of the given task id, or of
# the case's identify task (None), or START.
Sent = tuple[str, bytes, dict[str, str], str | None]


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


def _ok(key: str | None = None) -> Sent:
    headers = {"Idempotency-Key": key} if key else {}
    return ("police", _json({"data": PRESUMED}), headers, None)


def _report(key: str | None = None, user: str = "border", **body: Any) -> Sent:
    headers = {"Idempotency-Key": key} if key else {}
    return (user, _json({"process_id": "api_case", "data": REPORT, **body}), headers, START)


SCENARIOS: dict[str, tuple[list[Sent], list[int]]] = {
    "completed": ([_ok()], [200]),
    "retried with a key": ([_ok("k-1"), _ok("k-1")], [200, 200]),
    "completed twice": ([_ok(), _ok()], [200, 409]),
    "form data invalid": (
        [("police", _json({"data": {"identification_result": "maybe"}}), {}, None)],
        [422],
    ),
    "no data": ([("police", b"{}", {}, None)], [422]),
    "unknown member": ([("police", _json({"data": PRESUMED, "x": 1}), {}, None)], [422]),
    "data not an object": ([("police", _json({"data": 3}), {}, None)], [422]),
    "not JSON": ([("police", b'{"data": ', {}, None)], [422]),
    "text content type": (
        [("police", _json({"data": PRESUMED}), {"Content-Type": "text/plain"}, None)],
        [422],
    ),
    "no token": ([("", _json({"data": PRESUMED}), {}, None)], [401]),
    "unknown token": (
        [("", _json({"data": PRESUMED}), {"Authorization": "Bearer abc.def"}, None)],
        [401],
    ),
    "lower-case scheme": ([("police:bearer", _json({"data": PRESUMED}), {}, None)], [200]),
    "another agency's task": ([("ngo", _json({"data": PRESUMED}), {}, None)], [403]),
    "unknown task": ([("police", _json({"data": PRESUMED}), {}, "no-such-task")], [404]),
    "malformed key": (
        [("police", _json({"data": PRESUMED}), {"Idempotency-Key": "a b"}, None)],
        [422],
    ),
    "body too large": (
        [("police", _json({"data": {"note": "x" * 1_100_000}}), {}, None)],
        [413],
    ),
    "byte order mark": ([("police", b"\xef\xbb\xbf" + _json({"data": PRESUMED}), {}, None)], [200]),
    "lone surrogate": ([("police", b'{"data": {"x": "\\ud800"}}', {}, None)], [422]),
    "duplicate member, big number": (
        [("police", b'{"data": {"identification_result": "x", "identification_result": '
          b'"presumed_victim", "referral_receiver": "ngo"}, "data": {"n": 1e999}}', {}, None)],
        [422],
    ),
    "case started": ([_report()], [201]),
    "case start retried with a key": ([_report("s-1"), _report("s-1")], [201, 201]),
    "unknown process": ([_report(process_id="no_such_process")], [404]),
    "malformed process id": ([_report(process_id="1 bad")], [422]),
    "report invalid": ([_report(data={"age": "old"})], [422]),
    "no first responder": ([_report(user="policy")], [403]),
    "case start without token": ([_report(user="")], [401]),
    "case start, unknown member": ([_report(x=1)], [422]),
}  # fmt: skip


def _normal(text: str) -> str:
    """A response body without what differs between two cases (ids, numbers)."""
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>", text)
    return re.sub(r"NRM-\d{4}-\d{6}", "<number>", text)


def _send(
    client: TestClient, as_user: AsUser, sent: Sent, task_id: str, salt: str = ""
) -> tuple[Any, ...]:
    """Send a request; its idempotency key (if valid) gets `salt` (keys are kept per user)."""
    user, body, extra, given_id = sent
    headers = {"Content-Type": "application/json"}
    if user:
        name, _, scheme = user.partition(":")
        token = as_user(name).headers["Authorization"].removeprefix("Bearer ")
        headers["Authorization"] = f"{scheme or 'Bearer'} {token}"
    headers.update(extra)
    if " " not in headers.get("Idempotency-Key", " "):
        headers["Idempotency-Key"] += salt
    path = _path(given_id or task_id)
    response = client.post(path, content=body, headers=headers)
    return (
        response.status_code,
        response.headers.get("content-type"),
        response.headers.get("www-authenticate"),
        _normal(response.text),
    )


def _path(target: str) -> str:
    return f"{API}/cases" if target == START else f"{API}/tasks/{target}/complete"


def _answers(
    app: FastAPI, client: TestClient, as_user: AsUser, requests: list[Sent], *, hot: bool
) -> list[tuple[Any, ...]]:
    assert isinstance(app, NrmApi)
    app.hot_path = hot
    task = only(start_case(as_user("border"))["case"]["open_tasks"], "Identify the person")
    return [_send(client, as_user, sent, str(task["id"]), salt=str(hot)) for sent in requests]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_shortcut_answers_as_the_fastapi_route(
    name: str, app: FastAPI, client: TestClient, as_user: AsUser
) -> None:
    requests, statuses = SCENARIOS[name]
    through_fastapi = _answers(app, client, as_user, requests, hot=False)
    shortcut = _answers(app, client, as_user, requests, hot=True)
    assert [answer[0] for answer in shortcut] == statuses
    assert shortcut == through_fastapi


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths of the requests that reached FastAPI's middleware stack."""
    seen: list[str] = []
    original = BodyLimitMiddleware.__call__

    async def counted(self: BodyLimitMiddleware, scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["path"])
        await original(self, scope, receive, send)

    monkeypatch.setattr(BodyLimitMiddleware, "__call__", counted)
    return seen


@pytest.mark.parametrize(
    ("name", "shortcut"),
    [
        ("completed", True),
        ("retried with a key", True),
        ("form data invalid", True),
        ("unknown token", True),
        ("another agency's task", True),
        ("unknown member", False),
        ("not JSON", False),
        ("no token", False),
        ("lower-case scheme", False),
        ("malformed key", False),
        ("body too large", False),
        ("byte order mark", False),
        ("case started", True),
        ("case start retried with a key", True),
        ("unknown process", True),
        ("no first responder", True),
        ("malformed process id", False),
        ("case start without token", False),
    ],
)
def test_only_plainly_well_formed_completions_take_the_shortcut(
    name: str,
    shortcut: bool,
    client: TestClient,
    as_user: AsUser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    task = only(start_case(as_user("border"))["case"]["open_tasks"], "Identify the person")
    seen = _counting(monkeypatch)
    requests, _ = SCENARIOS[name]
    for sent in requests:
        _send(client, as_user, sent, str(task["id"]))
    steps = [path for path in seen if path != f"{API}/auth/token"]
    assert steps == ([] if shortcut else [_path(s[3] or str(task["id"])) for s in requests])


def test_shortcut_turns_an_unexpected_error_into_a_logged_500(
    client: TestClient,
    as_user: AsUser,
    api_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    task = only(start_case(as_user("border"))["case"]["open_tasks"], "Identify the person")

    def broken(**_: Any) -> Any:
        raise RuntimeError("-".join(("secret", "data")))  # the message is not in the source

    monkeypatch.setattr("api.services.tasks.complete", broken)
    response = _send(client, as_user, _ok(), str(task["id"]))
    assert response[:2] == (500, "application/problem+json")
    assert "secret-data" not in response[3] and "secret-data" not in caplog.text
    assert "unexpected RuntimeError on POST /api/v1/tasks/{task_id}/complete" in caplog.text
    with Session(api_engine.db) as session:
        events = select(func.count()).where(AuditEvent.task_id == task["id"])
        assert session.execute(events).scalar_one() == 0


def test_a_streamed_body_past_the_limit_is_refused_as_by_the_route(
    app: FastAPI, client: TestClient, as_user: AsUser
) -> None:
    """No declared length: the shortcut reads up to the limit, then hands what it read to
    FastAPI, whose body limit answers 413."""
    assert isinstance(app, NrmApi)
    task = only(start_case(as_user("border"))["case"]["open_tasks"], "Identify the person")

    def chunks() -> Any:
        yield b'{"data": {"note": "'
        for _ in range(1100):
            yield b"x" * 1000
        yield b'"}}'

    headers = {**as_user("police").headers, "Content-Type": "application/json"}
    answers = []
    for hot in (True, False):
        app.hot_path = hot
        response = client.post(_path(str(task["id"])), content=chunks(), headers=headers)
        answers.append((response.status_code, response.json()["title"]))
    assert answers == [(413, "Request body too large")] * 2


def test_on_sqlite_step_requests_read_and_write_on_the_connection_the_loop_holds(
    client: TestClient, as_user: AsUser, api_engine: Engine
) -> None:
    """The shortcut's reads and units of work check no connection out of the pool: the event
    loop holds one (engine.db.HeldConnection)."""
    if api_engine.db.dialect.name != "sqlite":
        pytest.skip("PostgreSQL steps run on the thread pool, each on its own checkout")
    checkouts: list[int] = []
    event.listen(api_engine.db.pool, "checkout", lambda *_: checkouts.append(1))
    border, police = as_user("border"), as_user("police")
    started = start_case(border)
    task = only(started["case"]["open_tasks"], "Identify the person")
    assert police.get("/me").status_code == 200  # a token's first use is verified off the loop
    before = len(checkouts)
    for _ in range(3):
        start_case(border)
    response = complete(police, str(task["id"]), {})
    assert response.status_code == 422  # read, checked, refused: still no checkout
    assert len(checkouts) == before


def test_the_held_connection_goes_back_to_the_pool_when_the_app_stops(
    api_engine: Engine, api_settings: Settings
) -> None:
    if api_engine.db.dialect.name != "sqlite":
        pytest.skip("only SQLite holds a connection")
    app = create_app(api_settings, api_engine)
    with TestClient(app) as client:
        token = sign_in(client, "border").json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        body = {"process_id": "api_case", "data": REPORT}
        assert client.post(f"{API}/cases", json=body, headers=headers).status_code == 201
        assert api_engine.db.pool.checkedout() == 1  # type: ignore[attr-defined]
    assert api_engine.db.pool.checkedout() == 0  # type: ignore[attr-defined]
