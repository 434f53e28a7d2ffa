"""A draft lives only while its task is open: it goes in the transaction that closes the task,
whichever way that happens (the API, a timer, a cancelled case), and none is saved after."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from forms import drafts
from tests.forms.conftest import OpenBrowser, to_screening
from tests.forms.test_tasks import SCREENING_OK, screening_task

COUNT = text("SELECT count(*) FROM form_draft WHERE task_id = :task_id")
COMPILED = {
    "referral_needs": ["shelter"],
    "referral_urgency": "urgent",
    "referral_receiver": "ngo",
    "referral_consent_receivers": ["ngo"],
    "referral_consent_date": "2026-01-05",
    "referral_consent_method": "written",
}


def drafts_of(engine: Engine, task_id: str) -> int:
    with engine.db.connect() as conn:
        found = conn.execute(COUNT, {"task_id": task_id})
        return int(found.scalar() or 0)


def draft_by_page(browser: OpenBrowser, username: str, task_id: str) -> None:
    response = browser(username).post(f"/tasks/{task_id}", {"action": "draft"})
    assert response.status_code == 303


def accept_task(engine: Engine) -> str:
    """A referral sent to the NGO: its "Accept or decline referral" task (24 h timer)."""
    step = engine.start_case(
        "referral",
        {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False},
        agency="police",
        actor="police",
    )
    step = engine.complete_task(step.opened[0].id, COMPILED, actor="police", agency="police")
    [task] = step.opened
    assert task.name == "Accept or decline referral"
    return task.id


def test_draft_goes_when_the_task_is_completed_through_the_api(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    draft_by_page(browser, "ngo", task_id)
    draft_by_page(browser, "ngo_supervisor", task_id)
    assert drafts_of(web_engine, task_id) == 2
    api = TestClient(browser(None).client.app)
    token = api.post("/api/v1/auth/token", data={"username": "ngo", "password": "demo"})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    done = api.post(f"/api/v1/tasks/{task_id}/complete", json={"data": {
        **SCREENING_OK, "screening_act": True, "screening_means": True,
        "screening_purpose": True}}, headers=headers)  # fmt: skip
    assert done.status_code == 200, done.text
    assert drafts_of(web_engine, task_id) == 0


def test_draft_goes_when_a_timer_cancels_the_task(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    task_id = accept_task(web_engine)
    draft_by_page(browser, "ngo", task_id)
    assert drafts_of(web_engine, task_id) == 1
    clock.advance(timedelta(hours=25))
    assert web_engine.fire_due_timers()
    assert web_engine.get_task(task_id).status == "cancelled"
    assert drafts_of(web_engine, task_id) == 0


def test_draft_goes_when_the_case_is_cancelled(browser: OpenBrowser, web_engine: Engine) -> None:
    task_id = accept_task(web_engine)
    draft_by_page(browser, "ngo", task_id)
    case_id = web_engine.get_task(task_id).case_id
    web_engine.cancel_case(case_id, actor="admin", agency=None, reason="duplicate")
    assert drafts_of(web_engine, task_id) == 0


def test_draft_of_a_closed_task_is_not_saved(browser: OpenBrowser, web_engine: Engine) -> None:
    task_id = screening_task(to_screening(web_engine))
    ngo = browser("ngo")
    ngo.post(f"/tasks/{task_id}", {**SCREENING_OK, "action": "submit"})
    assert not drafts.save(engine=web_engine, username="ngo", task_id=task_id, values={"a": "b"})
    response = ngo.post(f"/tasks/{task_id}", {"screening_notes": "late", "action": "draft"})
    assert response.headers["location"] == f"/tasks/{task_id}"
    page = ngo.get(f"/tasks/{task_id}").text
    assert "Черновик сохранён" not in page and "late" not in page
    assert drafts_of(web_engine, task_id) == 0
