"""Smaller things a caseworker notices (issue 18 fault 11): the username kept after a failed
sign-in, a favicon, the next step as a link after a submit, "case closed" when a case closes."""

from __future__ import annotations

import re

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser, report_case, to_screening

NOT_A_VICTIM = {
    "screening_date": "2026-01-05",
    "screening_act": False,
    "screening_means": False,
    "screening_purpose": False,
}


def test_a_failed_sign_in_keeps_the_username_and_focuses_its_message(
    browser: OpenBrowser,
) -> None:
    page = browser(None)
    response = page.post("/login", {"username": "ngo", "password": "wrong"})
    assert response.status_code == 401
    assert re.search(r'id="username"[^>]*value="ngo"', response.text)
    # the message takes focus (read first); the password field is described by it
    assert re.search(r'id="error-summary" role="alert" tabindex="-1" autofocus', response.text)
    assert re.search(r'id="password"[^>]*aria-describedby="login-error"', response.text)
    fresh = page.get("/login").text
    assert re.search(r'id="username"[^>]*value=""', fresh)
    assert "autofocus" not in fresh


def test_the_typed_username_is_escaped_when_shown_again(browser: OpenBrowser) -> None:
    page = browser(None)
    response = page.post("/login", {"username": 'x"><b>y', "password": "wrong"})
    assert 'value="x&#34;&gt;&lt;b&gt;y"' in response.text


def test_every_page_links_the_favicon_and_it_is_served(browser: OpenBrowser) -> None:
    page = browser("ngo")
    for path in ("/login", "/inbox", "/cases"):
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in (
            page.get(path).text
        )
    icon = page.get("/static/favicon.svg")
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.text.startswith("<svg")


def test_after_a_submit_the_next_task_of_the_agency_is_a_link(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    step = report_case(web_engine)
    task = step.opened[0]
    ngo = browser("ngo")
    response = ngo.post(
        f"/tasks/{task.id}",
        {
            "action": "submit",
            "immediate_danger": "false",
            "medical_emergency": "false",
            "risk_trafficker_contact": "false",
            "risk_retrafficking": "low",
        },
    )
    assert response.status_code == 303, response.text
    [consent] = [t for t in web_engine.case_tasks(step.case.id) if t.agency == "ngo"]
    inbox = ngo.get("/inbox").text
    notice = inbox.split('class="notice"')[1].split("</div>")[0]
    assert f'<a href="/tasks/{consent.id}">' in notice
    assert f'<a href="/cases/{step.case.id}">Открыть случай {step.case.number}</a>' in notice
    assert "закрыт" not in notice


def test_closing_a_case_says_case_closed(web_engine: Engine, browser: OpenBrowser) -> None:
    step = to_screening(web_engine)
    step = web_engine.complete_task(step.opened[0].id, NOT_A_VICTIM, actor="ngo", agency="ngo")
    [notice] = step.opened  # the person is told first, and offered a review she declines
    told = {"status_notice_date": "2026-01-05", "status_notice_given": True}
    step = web_engine.complete_task(
        notice.id, {**told, "status_review_requested": False}, actor="ngo", agency="ngo"
    )
    [refer] = step.opened
    ngo = browser("ngo")
    response = ngo.post(
        f"/tasks/{refer.id}",
        [
            ("action", "submit"),
            ("general_services_referred", "social_assistance"),
            ("general_services_declined", "false"),
            ("general_services_date", "2026-01-05"),
            ("general_services_person_told", "true"),
            ("general_services_help_again", "Call the hotline 189"),
        ],
    )
    assert response.status_code == 303, response.text
    assert web_engine.get_case(step.case.id).status == "completed"
    notice = ngo.get("/inbox").text.split('class="notice"')[1].split("</div>")[0]
    assert f"Случай {step.case.number} закрыт." in notice
    assert "Не жертва: направлен(а) в общие службы." in notice
