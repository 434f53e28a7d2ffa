"""The two step requests (`POST /cases`, `POST /tasks/{id}/complete`) as plain FastAPI routes:
what each kind of request gets (401, 403, 404, 409, 413, 422, Idempotency-Key replays), and
an unexpected error in a step is a logged 500 with nothing stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlmodel import Session

from engine.facade import Engine
from engine.models import AuditEvent
from tests.api.conftest import API, PROBLEM_JSON, REPORT, AsUser, only, start_case

PRESUMED = {"identification_result": "presumed_victim", "referral_receiver": "ngo"}
START = "POST /cases"
JSON = "application/json"
# A request: (user[:scheme], body, extra headers, where to): a completion of the given task
# id, or of the case's identify task (None), or START.
Sent = tuple[str, bytes, dict[str, str], str | None]


def _p(status: int) -> tuple[int, str]:
    """A problem answer."""
    return (status, PROBLEM_JSON)


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


def _ok(key: str | None = None) -> Sent:
    headers = {"Idempotency-Key": key} if key else {}
    return ("police", _json({"data": PRESUMED}), headers, None)


def _report(key: str | None = None, user: str = "border", **body: Any) -> Sent:
    headers = {"Idempotency-Key": key} if key else {}
    return (user, _json({"process_id": "api_case", "data": REPORT, **body}), headers, START)


# name: (requests, [(status, content type)] of their answers)
SCENARIOS: dict[str, tuple[list[Sent], list[tuple[int, str]]]] = {
    "completed": ([_ok()], [(200, JSON)]),
    "retried with a key": ([_ok("k-1"), _ok("k-1")], [(200, JSON), (200, JSON)]),
    "completed twice": ([_ok(), _ok()], [(200, JSON), _p(409)]),
    "form data invalid": (
        [("police", _json({"data": {"identification_result": "maybe"}}), {}, None)],
        [_p(422)],
    ),
    "no data": ([("police", b"{}", {}, None)], [_p(422)]),
    "unknown member": ([("police", _json({"data": PRESUMED, "x": 1}), {}, None)], [_p(422)]),
    "data not an object": ([("police", _json({"data": 3}), {}, None)], [_p(422)]),
    "not JSON": ([("police", b'{"data": ', {}, None)], [_p(422)]),
    "text content type": (
        [("police", _json({"data": PRESUMED}), {"Content-Type": "text/plain"}, None)],
        [_p(422)],
    ),
    "no token": ([("", _json({"data": PRESUMED}), {}, None)], [_p(401)]),
    "unknown token": (
        [("", _json({"data": PRESUMED}), {"Authorization": "Bearer abc.def"}, None)],
        [_p(401)],
    ),
    "lower-case scheme": ([("police:bearer", _json({"data": PRESUMED}), {}, None)], [(200, JSON)]),
    "another agency's task": ([("ngo", _json({"data": PRESUMED}), {}, None)], [_p(403)]),
    "unknown task": ([("police", _json({"data": PRESUMED}), {}, "no-such-task")], [_p(404)]),
    "malformed key": (
        [("police", _json({"data": PRESUMED}), {"Idempotency-Key": "a b"}, None)],
        [_p(422)],
    ),
    "body too large": (
        [("police", _json({"data": {"note": "x" * 1_100_000}}), {}, None)],
        [_p(413)],
    ),
    "byte order mark": (
        [("police", b"\xef\xbb\xbf" + _json({"data": PRESUMED}), {}, None)], [(200, JSON)]
    ),
    "lone surrogate": ([("police", b'{"data": {"x": "\\ud800"}}', {}, None)], [_p(422)]),
    "duplicate member, big number": (
        [("police", b'{"data": {"identification_result": "x", "identification_result": '
          b'"presumed_victim", "referral_receiver": "ngo"}, "data": {"n": 1e999}}', {}, None)],
        [_p(422)],
    ),
    "case started": ([_report()], [(201, JSON)]),
    "case start retried with a key": ([_report("s-1"), _report("s-1")], [(201, JSON), (201, JSON)]),
    "unknown process": ([_report(process_id="no_such_process")], [_p(404)]),
    "malformed process id": ([_report(process_id="1 bad")], [_p(422)]),
    "report invalid": ([_report(data={"age": "old"})], [_p(422)]),
    "no first responder": ([_report(user="policy")], [_p(403)]),
    "case start without token": ([_report(user="")], [_p(401)]),
    "case start, unknown member": ([_report(x=1)], [_p(422)]),
}  # fmt: skip


def _send(client: TestClient, as_user: AsUser, sent: Sent, task_id: str) -> Any:
    user, body, extra, given_id = sent
    headers = {"Content-Type": JSON}
    if user:
        name, _, scheme = user.partition(":")
        token = as_user(name).headers["Authorization"].removeprefix("Bearer ")
        headers["Authorization"] = f"{scheme or 'Bearer'} {token}"
    headers.update(extra)
    target = given_id or task_id
    path = f"{API}/cases" if target == START else f"{API}/tasks/{target}/complete"
    return client.post(path, content=body, headers=headers)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_step_requests_answer_each_kind_of_request(
    name: str, client: TestClient, as_user: AsUser
) -> None:
    requests, expected = SCENARIOS[name]
    task = only(start_case(as_user("border"))["case"]["open_tasks"], "Identify the person")
    answers = [_send(client, as_user, sent, str(task["id"])) for sent in requests]
    assert [(a.status_code, a.headers["content-type"]) for a in answers] == expected
    for answer in answers:
        if answer.status_code == 401:
            assert answer.headers["www-authenticate"] == "Bearer"
    if len(answers) == 2 and expected[1][0] < 300:  # a replay gives the first result
        assert answers[1].json() == answers[0].json()


def test_an_unexpected_error_in_a_step_is_a_logged_500_and_nothing_is_stored(
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
    assert (response.status_code, response.headers["content-type"]) == _p(500)
    assert "secret-data" not in response.text and "secret-data" not in caplog.text
    assert "unexpected RuntimeError on POST" in caplog.text  # with the route, not the task id
    assert "/tasks/{task_id}/complete" in caplog.text and task["id"] not in caplog.text
    with Session(api_engine.db) as session:
        events = select(func.count()).where(AuditEvent.task_id == task["id"])
        assert session.execute(events).scalar_one() == 0
