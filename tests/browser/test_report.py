"""Fault 2 of issue 18 in a real browser: after a report is sent, going back and sending it
again opens no second case; the form's address says it was sent, with a link to the case."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, func, select

from engine.models import Case
from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.forms.conftest import REPORT

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


def fill_report(page: Any, data: dict[str, Any]) -> None:
    """Fill the report form's fields the way a person would."""
    for name, value in data.items():
        raw = str(value).lower() if isinstance(value, bool) else str(value)
        field = page.locator(f"[name={name}]").first
        tag = field.evaluate("e => e.tagName.toLowerCase() + ':' + (e.type || '')")
        if tag.startswith("select"):
            field.select_option(raw)
        elif tag.endswith(("radio", "checkbox")):
            page.check(f"input[name={name}][value='{raw}']")
        else:
            field.fill(raw)


def cases(server: LiveServer) -> int:
    with Session(server.engine.db) as session:
        return int(session.exec(select(func.count()).select_from(Case)).one())


def test_back_and_send_again_opens_no_second_case(new_page: Any, live_server: LiveServer) -> None:
    page = new_page()
    sign_in(page, "ngo")
    page.goto("/report")
    assert "/report?t=" in page.url
    fill_report(page, {**REPORT, "pseudonym": "Once-Only"})
    before = cases(live_server)
    page.click("button.primary")
    page.wait_for_url("**/cases/*")
    number = page.locator("h1").inner_text().split()[-1]
    assert cases(live_server) == before + 1
    page.go_back()
    page.wait_for_load_state("load")
    if page.locator("button.primary").count():  # the form came back from the browser's cache
        page.click("button.primary")
        page.wait_for_load_state("load")
    assert "/report?t=" in page.url
    assert page.locator("h1").inner_text() == "Это сообщение уже отправлено"
    assert number in page.locator("main").inner_text()
    screenshot(page, "report-already-sent")
    page.click(f"text=Открыть случай {number}")
    page.wait_for_url("**/cases/*")
    assert cases(live_server) == before + 1


@pytest.mark.parametrize("width", [1280, 360])
def test_switching_language_while_typing_a_report_keeps_it(new_page: Any, width: int) -> None:
    page = new_page(width=width)
    sign_in(page, "ngo")
    page.goto("/report")
    page.fill("[name=pseudonym]", "Switcher")
    page.fill("[name=detection_place]", "Typed in Russian first")
    page.click("header button[name=lang][value=ky]")
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "ky"
    assert "/report?t=" in page.url
    assert page.input_value("[name=pseudonym]") == "Switcher"
    assert page.input_value("[name=detection_place]") == "Typed in Russian first"
    screenshot(page, f"report-language-switched-ky-{width}", full_page=False)
    page.click("header button[name=lang][value=ru]")
    page.wait_for_load_state("load")
    assert page.input_value("[name=detection_place]") == "Typed in Russian first"


def test_the_earlier_case_opens_in_a_new_tab_and_the_report_stays(
    new_page: Any, live_server: LiveServer
) -> None:
    page = new_page(width=360)
    sign_in(page, "ngo")
    page.goto("/report")
    fill_report(page, {**REPORT, "pseudonym": "Twice-Told"})
    page.click("button.primary")
    page.wait_for_url("**/cases/*")
    page.goto("/report")
    fill_report(page, {**REPORT, "pseudonym": "Twice-Told", "detection_place": "Second place"})
    page.click("button.primary")
    page.wait_for_load_state("load")
    link = page.locator("#error-summary a").first
    assert "откроется в новой вкладке" in link.inner_text()
    screenshot(page, "report-similar-new-tab-360", full_page=False)
    with page.context.expect_page() as opened:
        link.click()
    earlier = opened.value
    earlier.wait_for_load_state("load")
    assert "/cases/" in earlier.url
    assert page.input_value("[name=detection_place]") == "Second place"  # the report is still here
    earlier.close()
    page.click("button[name=different_person]")
    page.wait_for_url("**/cases/*")
    assert cases(live_server) >= 2
