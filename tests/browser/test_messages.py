"""Record an answer the case waits for, in a browser on a desktop and on a phone: from the
case page to the answer's form, a refused submit with the error summary in sight and in
focus, then the answer recorded and the case page saying what was recorded."""

from __future__ import annotations

from typing import Any

import pytest

from engine.views import StepResult
from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.browser.test_errors import summary_in_sight_and_focused
from tests.browser.test_pages import no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


def proceedings_case(server: LiveServer, pseudonym: str) -> StepResult:
    """Proceedings reported by the NGO serving the person: the case waits for a withdrawal
    of consent, which the NGO records."""
    return server.engine.start_case(
        "proceedings",
        {
            "pseudonym": pseudonym,
            "presumed_child": False,
            "consent_police_report": True,
            "referral_receiver": "ngo",
        },
        agency="ngo",
        actor="ngo",
    )


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_the_ngo_records_a_withdrawal_of_consent_from_the_case_page(
    new_page: Any, live_server: LiveServer, width: int, height: int
) -> None:
    step = proceedings_case(live_server, f"Answer{width}")
    page = new_page(width, height)
    sign_in(page, "ngo")
    page.goto(f"/cases/{step.case.id}")
    page.click("#person-title ~ .person-actions >> text=Человек отозвал согласие")
    page.wait_for_url("**/messages/consent_withdrawn")
    assert page.locator("h1").inner_text() == "Человек отозвал согласие"
    assert no_horizontal_scroll(page)
    screenshot(page, f"answer-form-{width}", full_page=False)
    page.check("input[name=consent_withdrawn_scope][value=proceedings]")
    page.check("input[name=consent_withdrawn_from][value=police]")
    page.check("#f-consent_still_agrees_to_help")
    page.click("button.primary")  # the date is missing
    page.wait_for_selector("#error-summary")
    summary_in_sight_and_focused(page)
    assert page.title().startswith("Ошибка: ")
    assert no_horizontal_scroll(page)
    assert page.is_checked("input[name=consent_withdrawn_scope][value=proceedings]")
    assert page.is_checked("input[name=consent_withdrawn_from][value=police]")
    assert page.is_checked("#f-consent_still_agrees_to_help")
    screenshot(page, f"answer-error-summary-{width}", full_page=False)
    page.locator("#error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "f-consent_withdrawn_on"
    page.fill("#f-consent_withdrawn_on", "2026-01-20")
    page.click("button.primary")
    page.wait_for_url(f"**/cases/{step.case.id}")
    notice = page.locator(".notice").inner_text()
    assert f"«Человек отозвал согласие» внесено в дело {step.case.number}." in notice
    assert "Согласовать безопасность человека после отзыва согласия — НКО" in notice
    # The proceedings' own withdrawal is used up; a withdrawal of help may still come (the
    # proceedings catch it themselves so that it never ends them), so the page still offers it.
    assert page.locator("a[href$='/messages/consent_withdrawn']").count() == 1
    assert no_horizontal_scroll(page)
    screenshot(page, f"answer-recorded-{width}", full_page=False)
    awaited = [m.name for m in live_server.engine.awaited_messages(step.case.id)]
    assert awaited.count("consent_withdrawn") == 1
