"""Fault 1 of issue 18: after a refused submit the error summary is the first thing on the
page, in sight and focused, on a desktop and on a phone; its links lead to the fields."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.browser.test_pages import case_at_screening, open_task_of

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


def summary_in_sight_and_focused(page: Any) -> None:
    """The summary's heading and first link are on the screen (a long summary may go on
    below it), and the summary has the focus."""
    viewport = page.viewport_size
    assert viewport is not None
    for part in ("#error-summary", "#error-summary h2", "#error-summary li"):
        box = page.locator(part).first.bounding_box()
        assert box is not None and -1 <= box["y"] < viewport["height"], (part, box)
    heading = page.locator("#error-summary li").first.bounding_box()
    assert heading is not None and heading["y"] + heading["height"] <= viewport["height"]
    assert page.evaluate("document.activeElement.id") == "error-summary"


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_refused_submit_puts_the_error_summary_in_sight_and_in_focus(
    new_page: Any, live_server: LiveServer, width: int, height: int
) -> None:
    number = case_at_screening(live_server, f"Errors{width}").case.number
    page = new_page(width, height)
    sign_in(page, "ngo")
    open_task_of(page, number)
    page.fill("#f-screening_notes", "Паспорт у работодателя")
    page.click("button[value=submit]")  # nothing answered: three questions refused
    page.wait_for_selector("#error-summary")
    summary_in_sight_and_focused(page)
    assert page.title().startswith("Ошибка: ")
    screenshot(page, f"task-error-summary-{width}", full_page=False)
    links = page.locator("#error-summary a")
    assert links.count() >= 3
    assert page.input_value("#f-screening_notes") == "Паспорт у работодателя"
    links.filter(has_text="Цель").click()
    assert page.evaluate("document.activeElement.id") == "f-screening_purpose"
    purpose = page.locator("#field-screening_purpose")
    assert purpose.get_attribute("id") == "field-screening_purpose"
    top = purpose.bounding_box()
    assert top is not None and -1 <= top["y"] < height
    group = page.locator("#field-screening_purpose fieldset")
    assert group.get_attribute("role") == "radiogroup"
    assert group.get_attribute("aria-invalid") == "true"


def test_refused_report_puts_the_error_summary_first_on_a_phone(
    new_page: Any, live_server: LiveServer
) -> None:
    del live_server
    page = new_page(360, 740)
    sign_in(page, "ngo")
    page.goto("/report")
    page.fill("#f-pseudonym", "Tursun")
    page.click("button.primary")
    page.wait_for_selector("#error-summary")
    summary_in_sight_and_focused(page)
    assert page.input_value("#f-pseudonym") == "Tursun"
    screenshot(page, "report-error-summary-360", full_page=False)


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_a_refused_sign_in_focuses_its_message_and_keeps_the_username(
    new_page: Any, live_server: LiveServer, width: int, height: int
) -> None:
    del live_server
    page = new_page(width, height)
    page.goto("/login")
    page.fill("#username", "ngo")
    page.fill("#password", "not the password")
    page.click("button.primary")
    page.wait_for_selector("#error-summary")
    screenshot(page, f"login-refused-{width}", full_page=False)
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.get_attribute("#error-summary", "role") == "alert"
    assert page.input_value("#username") == "ngo" and page.input_value("#password") == ""
    assert page.get_attribute("#password", "aria-describedby") == "login-error"
