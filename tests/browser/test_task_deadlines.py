"""Review F-A in a real browser: a task page's own deadline is the first thing under its
title, the case's nearest deadline (another step's) after it, named, at 1280 and 360 px."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.forms.conftest import report_case

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


@pytest.mark.parametrize("width", [1280, 360])
def test_the_tasks_own_deadline_comes_first(
    new_page: Any, live_server: LiveServer, width: int
) -> None:
    step = report_case(live_server.engine, pseudonym="Deadlines", age=12)
    first, later = sorted(step.opened, key=lambda t: (t.due_at, t.name))
    page = new_page(width=width)
    sign_in(page, "ngo" if later.agency == "ngo" else "child_protection")
    page.goto(f"/tasks/{later.id}")
    own = page.locator(".task-due").bounding_box()
    other = page.locator(".case-due").bounding_box()
    assert own is not None and other is not None and own["y"] < other["y"]
    assert page.locator(".task-due").inner_text().startswith("Срок задачи:")
    assert page.locator(".case-due").inner_text().startswith("Ближайший срок по случаю")
    screenshot(page, f"task-deadlines-ru-{width}", full_page=False)
