"""The case diagram on a phone (review F-J): at 360 px the drawing, at a legible size, shows
only a part of a wide SOP in its box. Above it the page says where the case is in words —
each open task of the SOP with its agency — and each is a link that scrolls the box to the
task's shape (a fragment link, no script), even after "fit to width"; a hint says the
drawing scrolls sideways (phones hide scroll bars). Looked at in ru, ky and en."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.browser.test_case_diagrams import TEXT_PX
from tests.browser.test_pages import case_at_screening, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]

WORDS = {
    "ru": ("Случай сейчас здесь", "НКО / кризисный центр", "Схема шире экрана"),
    "ky": ("Иш азыр ушул жерде", "КЭУ / кризистик борбор", "Схема экрандан кенен"),
    "en": ("The case is here now", "NGO / crisis centre", "The diagram is wider than the screen"),
}
IN_VIEW = """([shape, box]) => {
  const s = shape.getBoundingClientRect(), b = box.getBoundingClientRect();
  return s.width > 0 && s.left >= b.left - 1 && s.right <= b.right + 1
    && s.top >= b.top - 1 && s.bottom <= b.bottom + 1;
}"""


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
def test_on_a_phone_the_page_says_where_the_case_is_and_shows_it_in_the_diagram(
    new_page: Any, live_server: LiveServer, lang: str
) -> None:
    case = case_at_screening(live_server, f"Phone-{lang}").case
    page = new_page(360, 740)
    sign_in(page, "ngo")
    if lang != "ru":
        page.locator(f'button[name="lang"][value="{lang}"]').first.click()
        page.wait_for_load_state()
    page.goto(f"/cases/{case.id}")
    where_words, agency, hint = WORDS[lang]
    current = page.locator("details.diagram[open]")
    where = current.locator(".where-now")
    assert where.is_visible() and where_words in where.text_content()
    link = where.locator("li a").first
    assert agency in where.locator("li").first.text_content()
    assert current.locator(".narrow-only", has_text=hint).is_visible()
    box = current.locator(".scroll")
    svg = box.locator("svg")
    target = link.get_attribute("href")
    shape = page.locator(target)
    assert shape.count() == 1 and "state-ready" in (shape.get_attribute("class") or "")
    assert svg.evaluate(TEXT_PX) >= 12  # legible: the drawing at its own size
    assert box.evaluate("(b) => b.scrollWidth > b.clientWidth")  # wider than the phone
    current.locator("summary").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -8)")
    screenshot(page, f"case-diagram-opened-{lang}-360", full_page=False)
    current.locator("a", has_text={"ru": "Уместить", "ky": "Туурасына", "en": "Fit"}[lang]).click()
    assert svg.evaluate(TEXT_PX) < 12
    link.click()  # back to its own size, scrolled to the task
    assert svg.evaluate(TEXT_PX) >= 12
    assert page.evaluate(IN_VIEW, [shape.element_handle(), box.element_handle()])
    assert no_horizontal_scroll(page)
    box.scroll_into_view_if_needed()
    screenshot(page, f"case-diagram-where-{lang}-360", full_page=False)


def test_on_a_wide_screen_no_scroll_hint_but_the_same_words(
    new_page: Any, live_server: LiveServer
) -> None:
    case = case_at_screening(live_server, "Wide").case
    page = new_page(1280, 900)
    sign_in(page, "ngo")
    page.goto(f"/cases/{case.id}")
    current = page.locator("details.diagram[open]")
    assert "Случай сейчас здесь" in current.locator(".where-now").text_content()
    assert not current.locator(".narrow-only").is_visible()
    current.scroll_into_view_if_needed()
    screenshot(page, "case-diagram-where-ru-1280", full_page=False)
