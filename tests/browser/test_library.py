"""The library's pages in a browser (issue 18, review 7): every link or folded section that
stands alone (not inside a sentence) is a target at least 24 px tall, at 1280 and 360 px."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.engine.test_scenario_gate import RecordingGate
from tests.library import failing_gate_report, form_with_optional_field

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]

# Links and folded sections standing alone in their element: (text, height in px).
ALONE = """[...document.querySelectorAll('main a, main summary')].filter(e => {
  const own = (e.parentElement.textContent || '').trim();
  return e.tagName === 'SUMMARY' || own === (e.textContent || '').trim();
}).map(e => [(e.textContent || '').trim().slice(0, 40), e.getBoundingClientRect().height])"""


def failed_deployment(server: LiveServer) -> int:
    """A deployment job whose scenarios failed (nothing deployed): its id. Run here with a
    gate that reports one failing scenario; the server runs no jobs of its own."""
    engine = server.engine
    job = engine.queue_deployment([form_with_optional_field()], requested_by="policy")
    gate = RecordingGate(failing_gate_report())
    engine.run_next_deployment("test", gate=gate)
    return job.id


@pytest.mark.parametrize("width", [1280, 360])
def test_library_targets_standing_alone_are_24_px_tall(
    new_page: Any, live_server: LiveServer, width: int
) -> None:
    job = failed_deployment(live_server)
    page = new_page(width)
    sign_in(page, "policy")
    for name, path in (
        ("library", "/library"),
        ("process", "/library/referral"),
        ("deployment", f"/library/deployments/{job}"),
    ):
        page.goto(path)
        screenshot(page, f"library-{name}-{width}")
        small = [(text, h) for text, h in page.evaluate(ALONE) if h < 24]
        assert small == [], f"{path}: {small}"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
