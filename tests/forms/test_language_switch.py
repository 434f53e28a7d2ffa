"""Switching language in the middle of a form keeps what was typed (review F-S): on a task or
report page the header's language buttons belong to the form being typed, so pressing one
sends the answers, which come back in the other language (a task's as the user's draft)."""

from __future__ import annotations

import re

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser, to_screening
from tests.forms.test_tasks import SCREENING_OK, screening_task

LANG_BUTTON = re.compile(r'<button type="submit" name="lang" value="ky"[^>]*>')


def test_the_language_buttons_of_a_task_page_send_the_typed_answers_and_keep_them(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    ngo = browser("ngo")
    page = ngo.get(f"/tasks/{task_id}").text
    [button] = LANG_BUTTON.findall(page)
    assert 'form="taskform"' in button and 'id="taskform"' in page
    switched = ngo.post(f"/tasks/{task_id}", {**SCREENING_OK, "lang": "ky"})
    assert switched.status_code == 303 and switched.headers["location"] == f"/tasks/{task_id}"
    again = ngo.get(f"/tasks/{task_id}").text
    assert '<html lang="ky">' in again
    assert "Passport taken by the employer" in again
    assert re.search(r'name="screening_act" value="true"[^>]*checked', again)
    assert web_engine.get_task(task_id).status == "ready"  # nothing was sent


def test_the_language_buttons_of_the_report_send_the_typed_report_and_keep_it(
    browser: OpenBrowser,
) -> None:
    ngo = browser("ngo")
    form = ngo.get("/report", follow_redirects=True)
    [button] = LANG_BUTTON.findall(form.text)
    assert 'form="reportform"' in button and 'id="reportform"' in form.text
    token = re.search(r'name="submission" value="([^"]+)"', form.text)
    assert token is not None
    typed = {"detection_place": "Typed before switching", "pseudonym": "Aigul"}
    switched = ngo.post("/report", {**typed, "submission": token[1], "lang": "en"})
    assert switched.headers["location"] == f"/report?t={token[1]}"  # the same report, not sent
    again = ngo.get(switched.headers["location"]).text
    assert '<html lang="en">' in again
    assert 'value="Typed before switching"' in again and 'value="Aigul"' in again


def test_other_pages_keep_the_plain_language_form(browser: OpenBrowser) -> None:
    page = browser("ngo").get("/inbox").text
    [button] = LANG_BUTTON.findall(page)
    assert "form=" not in button
