"""After the person limited her consent ("no more data to: Police"), the police keeps what it
had but no longer follows the case (page review P-2): no later step of other agencies in the
timeline, no open task of theirs, no SOP line, no diagram — on the page and through the API;
its own open task (the status decision) stays workable, and the page says since when."""

from __future__ import annotations

import html
import re
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.services import cases
from api.services.policy import Caller
from engine.db import read_session
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from engine.views import TaskView
from tests.api.conftest import API, sign_in
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until
from tests.state_fixtures import answers

DECISION = "identification_decision.schema.json"
NOTICE = {
    "ru": "Человек ограничил передачу данных вашему ведомству с",
    "ky": "баштап сиздин мекемеңизге маалымат берүүнү чектеди",
    "en": "The person limited sharing data with your agency on",
}


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _timeline(page: str) -> str:
    return _text(page.split('id="timeline-title"')[1].split("</section>")[0])


def _open_tasks(page: str) -> str:
    return _text(page.split('id="open-title"')[1].split("</section>")[0])


def _decision_case(engine: Engine, clock: FakeClock) -> tuple[str, TaskView]:
    """A case at the police's status decision, with another agency's task open beside it."""
    case_id = report_case(engine).case.id
    consent = {"identification_consent.schema.json": {"consent_police_report": True}}
    decision = drive_until(engine, clock, case_id, DECISION, overrides=consent)
    assert [t for t in engine.case_tasks(case_id) if t.agency != "police"], "nothing beside"
    return case_id, decision


def _others_next_step(engine: Engine, case_id: str) -> TaskView:
    """Complete the oldest open task of another agency than the police; that task."""
    task = next(t for t in engine.case_tasks(case_id) if t.agency != "police")
    schema = engine.task_form(task.id)
    data = answers(dict(schema) if schema else None, engine.clock.now())
    engine.complete_task(task.id, data, actor=str(task.agency), agency=task.agency)
    return task


def _limit(engine: Engine, clock: FakeClock, case_id: str) -> None:
    limited = {
        "consent_withdrawn_on": clock.now().date().isoformat(),
        "consent_withdrawn_from": ["police"],
        "consent_police_report_withdrawn": False,
    }
    engine.deliver_message(case_id, "consent_limited", limited, actor="ngo", agency="ngo")


def _api(app: FastAPI, username: str) -> tuple[TestClient, dict[str, str]]:
    client = TestClient(app)
    token = sign_in(client, username).json()["access_token"]
    return client, {"Authorization": f"Bearer {token}"}


def test_police_follows_the_case_until_the_limitation_then_only_its_own_steps(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id, decision = _decision_case(web_engine, clock)
    police = browser("police")
    police.post("/language", {"lang": "en", "next": "/inbox"})
    before = _others_next_step(web_engine, case_id)
    page = police.get(f"/cases/{case_id}").text
    # before the limitation: the other agency's step, its open tasks, the SOP diagram
    assert before.name in _timeline(page)
    others = [t for t in web_engine.case_tasks(case_id) if t.agency != "police"]
    assert others and others[0].name in _open_tasks(page)
    assert 'id="diagram-title"' in page and 'id="person-title"' in page
    assert NOTICE["en"] not in page

    _limit(web_engine, clock, case_id)
    after = _others_next_step(web_engine, case_id)
    still = [t for t in web_engine.case_tasks(case_id) if t.agency != "police"]
    page = police.get(f"/cases/{case_id}").text
    timeline = _timeline(page)
    assert before.name in timeline  # what it had stays
    assert after.name not in timeline  # nothing of what came later
    assert decision.name in _open_tasks(page)  # its own task, a link to it
    assert f'href="/tasks/{decision.id}"' in page
    assert still and not any(t.name in _open_tasks(page) for t in still), _open_tasks(page)
    assert 'id="diagram-title"' not in page and "<svg" not in page
    assert 'id="awaited-title"' not in page  # what the case waits for from others
    assert 'id="person-title"' not in page  # nor who records the person's word
    # its own task opens and can be worked
    task_page = police.get(f"/tasks/{decision.id}")
    assert task_page.status_code == 200
    # the NGO, with whom she still shares, sees everything
    ngo = browser("ngo")
    ngo.post("/language", {"lang": "en", "next": "/inbox"})
    ngo_page = ngo.get(f"/cases/{case_id}").text
    assert after.name in _timeline(ngo_page) and 'id="diagram-title"' in ngo_page
    assert NOTICE["en"] not in ngo_page


def test_the_page_says_since_when_in_every_language(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id, _ = _decision_case(web_engine, clock)
    _limit(web_engine, clock, case_id)
    police = browser("police")
    day = str(clock.now().day)
    for lang, said in NOTICE.items():
        police.post("/language", {"lang": lang, "next": "/inbox"})
        page = police.get(f"/cases/{case_id}").text
        notice = _text(page.split('id="sharing-limited"')[1].split("</p>")[0])
        assert said in notice and day in notice, notice


def test_the_inbox_and_case_list_name_no_sop_of_other_agencies_after_the_limitation(
    web_engine: Engine, clock: FakeClock
) -> None:
    """The summary line (inbox card, case list) names only the SOPs of the police's own open
    tasks, and its next deadline is theirs."""
    case_id, decision = _decision_case(web_engine, clock)
    police = Caller(user_id=0, username="police", agency="police", roles=frozenset({"caseworker"}))

    def line() -> cases.CaseSummary:
        with read_session(web_engine.db) as session:
            found = cases.summaries(
                engine=web_engine, session=session, caller=police, case_ids=[case_id]
            )
        return found[case_id]

    sops_before = line().sops
    _limit(web_engine, clock, case_id)
    _others_next_step(web_engine, case_id)
    others = [t for t in web_engine.case_tasks(case_id) if t.agency != "police"]
    assert any(t.process_id != decision.process_id for t in others), "another SOP runs"
    after = line()
    assert len(sops_before) > 1 and len(after.sops) == 1, (sops_before, after.sops)
    assert after.next_due_task is not None and after.next_due_task.id == decision.id


def test_the_api_gives_the_police_no_later_steps_tasks_or_diagram(
    web_engine: Engine, clock: FakeClock, web_app: FastAPI
) -> None:
    case_id, decision = _decision_case(web_engine, clock)
    police, auth = _api(web_app, "police")
    before = _others_next_step(web_engine, case_id)
    assert police.get(f"{API}/cases/{case_id}/diagram.svg", headers=auth).status_code == 200
    open_before = police.get(f"{API}/cases/{case_id}", headers=auth).json()["open_tasks"]
    assert any(t["agency"] != "police" for t in open_before)
    waits = police.get(f"{API}/cases/{case_id}/messages", headers=auth).json()["items"]
    assert any(not m["may_send"] for m in waits)  # what the case waits for from others

    _limit(web_engine, clock, case_id)
    after = _others_next_step(web_engine, case_id)
    history: list[dict[str, Any]] = police.get(
        f"{API}/cases/{case_id}/history", headers=auth
    ).json()["data"]
    named = [e["task_name"] for e in history]
    assert before.name in named and after.name not in named
    case = police.get(f"{API}/cases/{case_id}", headers=auth).json()
    assert [t["id"] for t in case["open_tasks"]] == [decision.id]
    listed = police.get(f"{API}/cases", headers=auth).json()["data"]
    row = next(c for c in listed if c["id"] == case_id)
    assert [t["id"] for t in row["open_tasks"]] == [decision.id]
    diagram = police.get(f"{API}/cases/{case_id}/diagram.svg", headers=auth)
    assert diagram.status_code == 403, diagram.text
    assert "stopped sharing" in diagram.json()["detail"]
    waits = police.get(f"{API}/cases/{case_id}/messages", headers=auth).json()["items"]
    assert all(m["may_send"] for m in waits), waits
    # its own task: readable through the API
    assert police.get(f"{API}/tasks/{decision.id}", headers=auth).status_code == 200
    # the NGO still follows everything
    ngo, ngo_auth = _api(web_app, "ngo")
    ngo_named = [
        e["task_name"]
        for e in ngo.get(f"{API}/cases/{case_id}/history", headers=ngo_auth).json()["data"]
    ]
    assert after.name in ngo_named
