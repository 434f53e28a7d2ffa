"""Pages review 4 in Chromium, at 1280 and 360 px: the limitation form warns beside the agency
serving the person (P4-5), and once a limitation is recorded the case page says under its
status what is limited and since when (P4-11) — no horizontal scroll."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.browser.test_pages import no_horizontal_scroll
from tests.forms.conftest import to_screening

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_the_limitation_form_warns_and_the_case_says_what_is_limited(
    new_page: Any, live_server: LiveServer, width: int, height: int
) -> None:
    engine = live_server.engine
    case_id = to_screening(engine).case.id
    page = new_page(width, height)
    page.set_default_timeout(30_000)
    sign_in(page, "ngo")
    page.goto(f"/cases/{case_id}/messages/consent_limited")
    warning = page.locator(
        "label:has(input[name=consent_withdrawn_from][value=ngo]) .choice-warning"
    )
    assert "Сейчас оказывает помощь человеку" in warning.inner_text()
    assert no_horizontal_scroll(page)
    screenshot(page, f"pages4-limit-warning-{width}")

    page.check("input[name=consent_withdrawn_from][value=police]")
    page.fill("#f-consent_withdrawn_on", engine.clock.now().date().isoformat())
    page.check("input[name=consent_police_report_withdrawn][value=true]")
    page.click("button.primary")
    page.wait_for_url(f"**/cases/{case_id}")
    said = page.locator("#consent-now").inner_text()
    assert "данные не передаются: Милиция" in said and "заявление в милицию: нет" in said
    assert no_horizontal_scroll(page)
    screenshot(page, f"pages4-consent-now-{width}", full_page=False)
