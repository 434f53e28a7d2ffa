"""The admin's accounts page in a real browser: add an account by filling the form."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.browser.test_pages import no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


def test_the_admin_adds_an_account(new_page: Any, live_server: LiveServer) -> None:
    del live_server
    page = new_page(360, 740)
    sign_in(page, "admin")
    assert page.locator("h1").inner_text() == "Учётные записи"
    page.fill("#u-username", "k.toktosunova")
    page.select_option("#u-agency", "social")
    page.check("input[name=roles][value=caseworker]")
    page.fill("#u-password", "a long enough password")
    page.click("form[action='/users'] button[type=submit]")
    page.wait_for_url("**/users")
    assert page.locator("text=Учётная запись k.toktosunova добавлена.").count() == 1
    assert page.locator("ul.accounts h3", has_text="k.toktosunova").count() == 1
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
        " > window.innerWidth + 1).map(e => e.tagName + '.' + e.className + '#' + e.id)"
        ".slice(0, 12)"
    )
    screenshot(page, "phone-users")
    assert no_horizontal_scroll(page), wide
