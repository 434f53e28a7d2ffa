"""The pages review's findings in a real browser (F-S on a task page, F-O, F-E), with
screenshots at 1280 and 360 px for people to look at."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.forms.conftest import CONSENT, REPORT, SAFETY, to_screening

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


@pytest.mark.parametrize("width", [1280, 360])
def test_switching_language_on_a_task_keeps_what_was_typed(
    new_page: Any, live_server: LiveServer, width: int
) -> None:
    [task] = to_screening(live_server.engine).opened
    page = new_page(width=width)
    sign_in(page, "ngo")
    page.goto(f"/tasks/{task.id}")
    page.fill("[name=screening_notes]", "Typed before switching")
    page.check("input[name=screening_act][value='true']")
    page.click("header button[name=lang][value=ky]")
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "ky"
    assert page.input_value("[name=screening_notes]") == "Typed before switching"
    assert page.is_checked("input[name=screening_act][value='true']")
    screenshot(page, f"task-language-switched-ky-{width}", full_page=False)
    page.click("header button[name=lang][value=ru]")  # and back: a draft, not sent
    page.wait_for_load_state("load")
    assert page.input_value("[name=screening_notes]") == "Typed before switching"
    assert live_server.engine.get_task(task.id).status == "ready"


@pytest.mark.parametrize("width", [1280, 360])
def test_a_list_taken_with_none_ticked_says_so(
    new_page: Any, live_server: LiveServer, width: int
) -> None:
    step = live_server.engine.start_case(
        "referral",
        {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False},
        agency="police",
        actor="police",
    )
    page = new_page(width=width)
    sign_in(page, "police")
    page.goto(f"/tasks/{step.opened[0].id}")
    group = page.locator("#field-referral_consent_receivers")
    assert "ни одного" in group.inner_text() and group.locator(".req").count() == 0
    group.scroll_into_view_if_needed()
    screenshot(page, f"task-none-ticked-ru-{width}", full_page=False)


@pytest.mark.parametrize("width", [1280, 360])
def test_the_timeline_names_the_refused_police_report(
    new_page: Any, live_server: LiveServer, width: int
) -> None:
    engine = live_server.engine
    step = engine.start_case("nrm_case", dict(REPORT), agency="ngo", actor="ngo")
    step = engine.complete_task(step.opened[0].id, SAFETY, actor="ngo", agency="ngo")
    consent = step.opened[0]
    engine.complete_task(
        consent.id, {**CONSENT, "consent_police_report": False}, actor="ngo", agency="ngo"
    )
    page = new_page(width=width)
    sign_in(page, "ngo")
    page.goto(f"/cases/{step.case.id}")
    entry = page.locator(f"#timeline-title ~ ol li:has(a[href='/tasks/{consent.id}'])")
    assert "заявление в милицию" in entry.inner_text()
    entry.scroll_into_view_if_needed()
    screenshot(page, f"case-timeline-consent-ru-{width}", full_page=False)
