"""Pages review 3, P3-20, in Chromium: with four follow-up questions refused, the error summary
stays compact on a 360 px phone — each line the question (a link) and "Answer this question.",
never the parent question again — and leaves room for the page below it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.browser.test_pages import no_horizontal_scroll
from tests.forms.conftest import report_case
from tests.forms.driving import drive_until
from tests.forms.test_pages_error_summary_brief import RG

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_the_error_summary_is_compact_and_does_not_repeat_the_parent_question(
    new_page: Any, live_server: LiveServer, width: int, height: int
) -> None:
    engine = live_server.engine
    task = drive_until(engine, None, report_case(engine).case.id, RG)
    page = new_page(width, height)
    page.set_default_timeout(30_000)
    sign_in(page, "ngo")
    page.goto(f"/tasks/{task.id}")
    page.fill("#f-reasonable_grounds_date", engine.clock.now().date().isoformat())
    page.check("input[name=reasonable_grounds_informed][value=false]")
    page.check("input[name=non_punishment_applies][value=true]")
    page.click("button[value=submit]")
    page.wait_for_selector("#error-summary")
    items = page.locator("#error-summary li").all_inner_texts()
    assert len(items) >= 4, items
    assert all("«" not in item for item in items), items
    box = page.locator("#error-summary").bounding_box()
    assert box is not None and box["height"] <= 0.6 * height, box
    assert no_horizontal_scroll(page)
    screenshot(page, f"pages4-error-summary-{width}", full_page=False)
