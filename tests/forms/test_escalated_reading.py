"""A rung an overdue task was escalated to may read it (issue 18, review 10): the
commission's supervisors, told of another agency's task, open it read-only (page and API)
and still may not claim or complete it; before they are told, and for other roles, it stays
refused. The agency's head reads and acts on its own agency's decision task."""

from __future__ import annotations

import re
from datetime import timedelta

from engine.db import write_session
from engine.facade import Engine
from engine.models import Escalation, User
from engine.spiff.clock import FakeClock
from engine.views import TaskView
from tests.api.conftest import API, CHEAP_HASH, PASSWORD
from tests.forms.conftest import Browser, OpenBrowser


def _overdue_referral(engine: Engine, clock: FakeClock) -> TaskView:
    """The police's 'compile the referral', overdue and escalated up to the commission."""
    step = engine.start_case(
        "referral",
        {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False},
        agency="police",
        actor="police",
    )
    clock.advance(timedelta(hours=24))
    engine.fire_due_escalations()  # the police's supervisors
    return step.opened[0]


def _api_status(b: Browser, username: str, method: str, path: str) -> int:
    token = b.client.post(
        API + "/auth/token", data={"username": username, "password": PASSWORD}
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    return b.client.request(method, API + path, headers=headers).status_code


def test_the_commission_told_of_a_task_reads_it_and_may_not_act_on_it(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    task = _overdue_referral(web_engine, clock)
    commission = browser("commission_supervisor")
    assert commission.get(f"/tasks/{task.id}").status_code == 403  # not told yet
    clock.advance(timedelta(days=4))  # two working days later: the commission's rung
    web_engine.fire_due_escalations()
    response = commission.get(f"/tasks/{task.id}")
    assert response.status_code == 200
    page = response.text
    assert "Её выполняет Милиция; вы можете прочитать её, но не выполнить." in page
    assert "Срок задачи: просрочено на" in page
    assert f'action="/tasks/{task.id}' not in page  # no form, no claim
    assert f'href="/cases/{task.case_id}"' not in page  # its agency takes no part in the case
    assert task.case_number in page
    assert commission.post(f"/tasks/{task.id}/claim").status_code == 403
    told = "commission_supervisor"
    assert _api_status(commission, told, "GET", f"/tasks/{task.id}") == 200
    assert _api_status(commission, told, "POST", f"/tasks/{task.id}/claim") == 403
    # the rung told is the commission's supervisors: its caseworkers still may not read it
    assert browser("commission").get(f"/tasks/{task.id}").status_code == 403
    assert browser("ngo_supervisor").get(f"/tasks/{task.id}").status_code == 403
    listed = commission.get("/inbox?escalated=true").text
    assert re.search(rf'<h2><a href="/tasks/{task.id}">', listed)


def test_a_head_who_only_heads_finds_the_inbox_and_reads_a_task_escalated_to_the_head(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    """An agency's head with no other role: the menu leads to the inbox, whose "escalated to
    me" lists the task its ladder told the head of, and the task opens."""
    with write_session(web_engine.db) as session:
        session.add(
            User(
                username="police_chief",
                password_hash=CHEAP_HASH,
                agency="police",
                roles=["head"],
                created_at=clock.now(),
            )
        )
        session.commit()
    task = _overdue_referral(web_engine, clock)
    with write_session(web_engine.db) as session:  # as the head ladder tells a head
        session.add(
            Escalation(
                task_id=task.id,
                case_id=task.case_id,
                rung=2,
                agency="police",
                role="head",
                fired_at=clock.now(),
            )
        )
        session.commit()
    chief = browser("police_chief")
    inbox = chief.get("/inbox")
    assert inbox.status_code == 200 and 'href="/inbox"' in inbox.text.split("</nav>")[0]
    listed = chief.get("/inbox?escalated=true").text
    assert re.search(rf'<h2><a href="/tasks/{task.id}">', listed)
    assert chief.get(f"/tasks/{task.id}").status_code == 200
