"""The case page's diagrams in a browser: the SOP the case is in open at a legible size on a
wide screen and a phone (the diagram scrolls in its own box), the others folded, and a link
that fits the diagram to the page without script."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.browser.test_pages import case_at_screening, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]

# The drawn size of the diagram's 12 px text: the SVG's width on screen over its viewBox's.
TEXT_PX = """(svg) => {
  const box = svg.viewBox.baseVal;
  return 12 * svg.getBoundingClientRect().width / box.width;
}"""


def first_diagram(page: Any) -> Any:
    return page.locator("details.diagram").first


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_case_diagram_text_is_legible_and_the_other_sops_are_folded(
    new_page: Any, live_server: LiveServer, width: int, height: int
) -> None:
    case = case_at_screening(live_server, f"Diagram{width}").case
    page = new_page(width, height)
    sign_in(page, "ngo")
    page.goto(f"/cases/{case.id}")
    current = first_diagram(page)
    assert current.get_attribute("id") == "diagram-identification"
    assert current.get_attribute("open") is not None
    assert page.locator("details.diagram[open]").count() == 1
    svg = current.locator("svg")
    assert svg.evaluate(TEXT_PX) >= 12
    assert "Проверка индикаторов" in svg.text_content()
    assert no_horizontal_scroll(page)  # the diagram scrolls in its box, not the page
    screenshot(page, f"case-diagram-{width}", full_page=False)
    current.locator("a", has_text="Уместить по ширине").click()
    assert svg.evaluate(TEXT_PX) < 12  # fitted to the page's width
    assert svg.evaluate("(svg) => svg.getBoundingClientRect().width") <= width
    current.locator("a", has_text="Настоящий размер").click()
    assert svg.evaluate(TEXT_PX) >= 12
