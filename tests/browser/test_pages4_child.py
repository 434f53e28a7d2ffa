"""Pages review 4 in Chromium, at 1280 and 360 px: a child's case whose suspected father was
replaced as guardian. The withdrawal form names the guardian and the suspect (P4-3), child
protection's task names the suspect (P4-3), and its best-interests form offers only "the
services go on" when the guardian who withdrew is suspected (P4-8) — no horizontal scroll."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.browser.test_pages import no_horizontal_scroll
from tests.forms.test_pages_best_interests import best_interests_task
from tests.forms.test_pages_child_safety import GUARDIAN, SUSPECT, child_with_a_suspect

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_a_childs_withdrawal_and_best_interests_name_the_suspect(
    new_page: Any, live_server: LiveServer, width: int, height: int
) -> None:
    engine = live_server.engine
    case_id = child_with_a_suspect(engine)
    page = new_page(width, height)
    page.set_default_timeout(30_000)
    sign_in(page, "ngo")
    page.goto(f"/cases/{case_id}/messages/consent_withdrawn")
    people = page.locator("section.child-safety")
    assert GUARDIAN in people.inner_text() and SUSPECT in people.inner_text()
    assert no_horizontal_scroll(page)
    screenshot(page, f"pages4-child-withdraw-{width}")

    task_id = best_interests_task(engine, None, suspected=True)
    page = new_page(width, height)
    sign_in(page, "child_protection")
    page.goto(f"/tasks/{task_id}")
    choices = page.locator("input[name=child_withdrawal_best_interests]")
    assert choices.count() == 1 and choices.first.is_checked()
    assert "Подозревается в причастности" in page.locator("section.child-safety").inner_text()
    assert no_horizontal_scroll(page)
    screenshot(page, f"pages4-child-best-interests-{width}")
