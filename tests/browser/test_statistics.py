"""The rapporteur's statistics page in a real browser: the start page after signing in, the
year chosen from the list, readable on a phone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.browser.test_pages import case_at_screening, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


def test_the_rapporteur_reads_the_figures_of_a_year(new_page: Any, live_server: LiveServer) -> None:
    year = case_at_screening(live_server, "Saltanat").case.created_at.year
    page = new_page(360, 740)
    sign_in(page, "rapporteur")
    assert page.locator("h1").inner_text() == "Статистика"
    assert no_horizontal_scroll(page)
    page.select_option("#year", str(year))
    page.click("form.inline button[type=submit]")
    page.wait_for_url(f"**/statistics?year={year}")
    assert page.locator("#year").input_value() == str(year)
    assert page.locator("h2", has_text="Дела по годам и регионам").count() == 1
    assert page.locator("text=Saltanat").count() == 0
    assert no_horizontal_scroll(page)
    # the charts keep their drawn size (text 12 px) and scroll in their own box
    sizes = page.eval_on_selector_all(
        "svg.chart text.label",
        "els => els.map(e => e.getBoundingClientRect().height)",
    )
    assert sizes and min(sizes) >= 12 * 0.95, sizes[:5]
    screenshot(page, "phone-statistics")
