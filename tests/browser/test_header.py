"""The site header on a phone: the page's own content starts in the top fifth of the screen."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]
PHONE = (360, 640)


@pytest.mark.parametrize("username", ["ngo", "police_supervisor", "policy", "admin"])
def test_header_is_short_and_its_menu_wraps_on_a_phone_in_every_language(
    new_page: Any, live_server: LiveServer, username: str
) -> None:
    """The header takes less than a fifth of the screen; the menu wraps and nothing on the
    page scrolls sideways."""
    del live_server
    phone = new_page(*PHONE)
    sign_in(phone, username)
    for lang in ("ru", "ky", "en"):
        phone.click(f"header button[name=lang][value={lang}]")
        phone.wait_for_load_state("load")
        height = phone.evaluate("document.querySelector('header.site').offsetHeight")
        screenshot(phone, f"header-{username}-{lang}-360", full_page=False)
        assert height < PHONE[1] / 5, f"{username} {lang}: header {height} px of {PHONE[1]}"
        _menu_fits(phone, f"{username} {lang}")


def test_case_list_with_its_filters_fits_a_phone(new_page: Any, live_server: LiveServer) -> None:
    del live_server
    phone = new_page(*PHONE)
    sign_in(phone, "ngo")
    for path in ("/cases", "/cases?sort=due&overdue=true", "/inbox?sop=identification"):
        phone.goto(path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        screenshot(phone, "phone-" + path.strip("/").replace("?", "-").replace("&", "-"))
        assert width <= PHONE[0], f"{path}: {width} px wide"


def _menu_fits(phone: Any, which: str) -> None:
    """The menu's items and links stay within the phone's width, and so does the page."""
    page_width = phone.evaluate("document.documentElement.scrollWidth")
    menu = phone.evaluate(
        "[...document.querySelectorAll('header.site nav ul, header.site nav li')]"
        ".map(e => [e.scrollWidth, e.clientWidth])"
    )
    links = phone.evaluate(
        "[...document.querySelectorAll('header.site nav a')].map(a => {"
        " const r = a.getBoundingClientRect(); return [r.left, r.right]; })"
    )
    assert page_width <= PHONE[0], f"{which}: page {page_width} px wide"
    assert all(scroll <= client for scroll, client in menu), f"{which}: {menu}"
    assert all(0 <= left and right <= PHONE[0] for left, right in links), links
