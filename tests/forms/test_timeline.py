"""The case timeline says what was decided (issue 18 fault 8): each completed task names its
form's key answers as they were sent, within need to know, with the catalogue's labels, and
the agency that sent it gets a link to the form read-only."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from api.services import timeline, visibility
from api.services.policy import Caller
from engine import audit
from engine.db import read_session, write_session
from engine.facade import Engine
from engine.models import Case
from engine.spiff.clock import FakeClock
from forms.translate import Translator
from tests.forms.conftest import CONSENT, SAFETY, OpenBrowser, report_case
from tests.state_fixtures import answers


def _entries(page: str) -> list[str]:
    """The timeline's entries, as their HTML."""
    timeline = page.split('id="timeline-title"')[1].split("</section>")[0]
    return re.findall(r"<li>\s*<time>.*?</li>\s*(?=<li>\s*<time>|</ol>)", timeline, re.S)


def _drive_until_another_agency_worked(engine: Engine, clock: FakeClock, case_id: str) -> str:
    """Complete the oldest open task with example answers until an agency other than the
    reporting NGO has completed one; that agency."""
    for _ in range(30):
        done = [t for t in engine.case_tasks(case_id, status="completed") if t.agency != "ngo"]
        if done:
            return str(done[0].agency)
        task = engine.case_tasks(case_id)[0]
        form = engine.task_form(task.id)
        clock.advance(timedelta(hours=1))
        data = answers(dict(form) if form else None, clock.now())
        engine.complete_task(task.id, data, actor=str(task.agency), agency=task.agency)
    raise AssertionError("no other agency completed a task")


def test_the_timeline_names_the_answers_and_links_the_form_as_sent(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    step = report_case(web_engine)
    safety = step.opened[0]
    step = web_engine.complete_task(
        safety.id,
        {
            "immediate_danger": False,
            "medical_emergency": False,
            "risk_trafficker_contact": True,
            "risk_retrafficking": "high",
        },
        actor="ngo",
        agency="ngo",
    )
    ngo = browser("ngo")
    page = ngo.get(f"/cases/{step.case.id}").text
    [entry] = [e for e in _entries(page) if f'/tasks/{safety.id}"' in e]
    text = html.unescape(re.sub(r"<[^>]+>", " ", entry))
    assert "Риск повторно стать жертвой торговли людьми: " in text
    assert "Высокий" in text or "высокий" in text
    assert "risk_retrafficking" not in text and "high" not in text
    assert "Форма, как её отправили" in text
    form = ngo.get(f"/tasks/{safety.id}").text
    assert "Ответы, как их отправили" in form
    assert "Риск повторно стать жертвой торговли людьми" in form
    assert 'name="risk_retrafficking"' not in form  # read-only: no input
    ngo.post("/language", {"lang": "en", "next": "/inbox"})
    english = ngo.get(f"/cases/{step.case.id}").text
    assert "Risk of being trafficked again: <strong>" in english
    assert "The form as sent" in english


def test_another_agency_reads_only_what_it_may_see_and_gets_no_link_to_the_form(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    other = _drive_until_another_agency_worked(web_engine, clock, case_id)
    ngo_tasks = [
        t.id for t in web_engine.case_tasks(case_id, status="completed") if t.agency == "ngo"
    ]
    page = browser(other).get(f"/cases/{case_id}").text
    for task_id in ngo_tasks:
        assert f'href="/tasks/{task_id}"' not in page
    caller = Caller(user_id=0, username=other, agency=other, roles=frozenset({"caseworker"}))
    with read_session(web_engine.db) as session:
        case = session.get(Case, case_id)
        assert case is not None
        done = [t.id for t in web_engine.case_tasks(case_id, status="completed")]
        said = timeline.answers(
            engine=web_engine, session=session, caller=caller, case=case, task_ids=done
        )
        loaded = visibility.version_of(web_engine, session, case)
        allowed = visibility.agency_case_fields(session, loaded, case, other)
        personal = visibility.case_personal_fields(loaded)
    shown = {name for fields in said.shown.values() for name in fields}
    assert shown, "the other agency reads some answers"
    assert shown <= allowed
    assert not shown & personal


def test_an_entry_whose_answers_are_withheld_names_the_task_and_its_agency_and_says_why(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    other = _drive_until_another_agency_worked(web_engine, clock, case_id)
    safety = next(
        t for t in web_engine.case_tasks(case_id, status="completed") if t.agency == "ngo"
    )
    with write_session(web_engine.db) as session:  # an older event: no task name nor agency
        audit.record(
            session,
            at=clock.now(),
            actor="ngo",
            action="task.completed",
            case_id=case_id,
            task_id=safety.id,
        )
        session.commit()
    entries = _entries(browser(other).get(f"/cases/{case_id}").text)
    texts = [html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", e))) for e in entries]
    named = [e for e in texts if "Задача выполнена: Проверить безопасность и риски" in e]
    assert len(named) == 2, texts  # the event as written, and the older one named from its task
    assert all("НКО / кризисный центр" in e for e in named)
    assert all("не показаны; они видны только ведомству: НКО / кризисный центр" in e for e in named)
    own = _entries(browser("ngo").get(f"/cases/{case_id}").text)
    mine = [e for e in own if f'/tasks/{safety.id}"' in e]
    assert mine and not any("не показаны" in e for e in mine)  # its own answers: the form


def test_an_instance_of_a_task_per_item_is_named_by_its_title_and_item_in_the_language() -> None:
    """The trail keeps "Deliver service: Shelter" (one task per planned service): the
    timeline words both halves from the catalogue, not the English name."""
    assert Translator("ru").task_name("Deliver service: Shelter") == "Оказать услугу: Приют"
    assert Translator("ky").task_name("Deliver service: Shelter").startswith("Кызмат көрсөтүү: ")
    assert Translator("ru").task_name("Check safety and risks") == "Проверить безопасность и риски"


def test_the_timeline_names_every_decision_of_a_task_not_only_the_first_four(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    """Review F-E: the consent entry named informed, interpreter, referral and its method,
    and left out the person's refusal of a police report, the fifth choice of the form."""
    step = report_case(web_engine)
    step = web_engine.complete_task(step.opened[0].id, SAFETY, actor="ngo", agency="ngo")
    consent = step.opened[0]
    refused = {**CONSENT, "consent_police_report": False}
    step = web_engine.complete_task(consent.id, refused, actor="ngo", agency="ngo")
    page = browser("ngo").get(f"/cases/{step.case.id}").text
    [entry] = [e for e in _entries(page) if f'/tasks/{consent.id}"' in e]
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", entry)).split())
    assert "Как оно было дано" in text  # the fourth
    assert re.search(r"заявление в милицию\S*: Нет", text), text  # the fifth: the refusal
