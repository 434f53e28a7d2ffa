"""Pages review 3, P3-10: what the person told us (she withdrew or limited her consent) is
recorded from a block of its own near the top of the case page, with a button for each, on a
desktop and on a phone; once recorded, the page says so and no longer offers it as open."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.browser.test_pages import no_horizontal_scroll
from tests.forms.conftest import REPORT

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


def top(page: Any, selector: str) -> float:
    return float(page.locator(selector).bounding_box()["y"])


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_the_person_withdrew_consent_is_a_button_near_the_top_and_then_reads_recorded(
    new_page: Any, live_server: LiveServer, width: int, height: int
) -> None:
    report = {**REPORT, "pseudonym": f"Said{width}"}
    step = live_server.engine.start_case("nrm_case", report, agency="ngo", actor="ngo")
    page = new_page(width, height)
    page.set_default_timeout(30_000)  # a withdrawal runs the case on (a shared, busy machine)
    sign_in(page, "ngo")
    page.goto(f"/cases/{step.case.id}")
    block = page.locator("section.person-said")
    assert block.locator("h2").inner_text() == "Что сообщил человек"
    assert top(page, "#person-title") < top(page, "#open-title")
    buttons = block.locator("a.button")
    assert buttons.all_inner_texts() == ["Человек отозвал согласие", "Человек ограничил согласие"]
    for at in range(buttons.count()):  # a real target on a phone
        assert buttons.nth(at).bounding_box()["height"] >= 44
    assert no_horizontal_scroll(page)
    screenshot(page, f"person-said-{width}", full_page=False)

    buttons.first.click()
    page.wait_for_url("**/messages/consent_withdrawn")
    assert page.locator("h1").inner_text() == "Человек отозвал согласие"
    assert page.locator("button.primary").inner_text() == "Записать отзыв согласия"
    page.check("input[name=consent_withdrawn_scope][value=help]")
    page.fill("#f-consent_withdrawn_on", "2026-01-06")
    page.check("input[name=consent_still_agrees_to_help][value=true]")
    page.click("button.primary")
    page.wait_for_url(f"**/cases/{step.case.id}")

    block = page.locator("section.person-said")
    assert (
        block.locator("ul.recorded").inner_text().startswith("Человек отозвал согласие — записано ")
    )
    # recorded once and not awaited any more: no longer offered as open
    assert block.locator("a[href$='/messages/consent_withdrawn']").count() == 0
    assert block.locator("a.button").all_inner_texts() == ["Человек ограничил согласие"]
    assert page.locator("#awaited-title").count() == 0
    assert no_horizontal_scroll(page)
    screenshot(page, f"person-said-recorded-{width}", full_page=False)
