"""Pages review 3, P3-9: a referral for a person with nowhere safe to sleep tonight shows
the urgency on the receiver's inbox card (urgent cards first) and in the task's header, in
red, on a desktop and on a phone; the NGO that referred her sees on its case page whether the
referral was accepted."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.browser.test_pages import no_horizontal_scroll
from tests.forms.conftest import REPORT
from tests.forms.driving import drive_until

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]
TAG = "Срочно: нужен ночлег сегодня"


def referred(server: LiveServer, pseudonym: str, urgency: str) -> tuple[str, Any]:
    """A case reported by the NGO and referred to the social services: (case id, the
    social services' task to accept it)."""
    engine = server.engine
    case_id = engine.start_case(
        "nrm_case", {**REPORT, "pseudonym": pseudonym}, agency="ngo", actor="ngo"
    ).case.id
    compile_answers = {
        "referral_receiver": "social",
        "referral_urgency": urgency,
        "referral_consent_receivers": ["social"],
    }
    task = drive_until(
        engine,
        None,
        case_id,
        "referral_accept.schema.json",
        overrides={"referral_compile.schema.json": compile_answers},
    )
    assert task.agency == "social"
    return case_id, task


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_an_urgent_referral_is_red_and_first_and_the_ngo_sees_it_accepted(
    new_page: Any, live_server: LiveServer, width: int, height: int
) -> None:
    referred(live_server, f"Routine{width}", "routine")
    case_id, task = referred(live_server, f"Tonight{width}", "immediate")
    page = new_page(width, height)
    page.set_default_timeout(30_000)
    sign_in(page, "social")
    page.goto("/inbox")
    cards = page.locator("ol.tasks > li")
    texts = cards.all_inner_texts()
    urgent = [TAG in text for text in texts]
    assert any(urgent) and urgent == sorted(urgent, reverse=True), urgent  # urgent ones first
    mine = next(i for i, text in enumerate(texts) if f"Tonight{width}" in text)
    routine = next(i for i, text in enumerate(texts) if f"Routine{width}" in text)
    assert mine < routine and TAG not in texts[routine]
    tag = cards.nth(mine).locator(".tag.urgent")
    assert tag.inner_text() == TAG
    error = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--error').trim()"
    )
    red = tag.evaluate("e => getComputedStyle(e).color")
    probe = page.evaluate(
        "c => { const d = document.createElement('i'); d.style.color = c;"
        " document.body.append(d); const v = getComputedStyle(d).color; d.remove(); return v; }",
        error,
    )
    assert error and red == probe, (red, error)  # the error red, as an overdue deadline
    assert no_horizontal_scroll(page)
    screenshot(page, f"urgent-inbox-{width}", full_page=False)

    page.goto(f"/tasks/{task.id}")
    assert page.locator("p.summary .tag.urgent").inner_text() == TAG
    screenshot(page, f"urgent-task-{width}", full_page=False)

    ngo = new_page(width, height)
    ngo.set_default_timeout(30_000)
    sign_in(ngo, "ngo")
    ngo.goto(f"/cases/{case_id}")
    said = ngo.locator("#referral-said")
    assert said.inner_text().split() == "Перенаправление ждёт ответа — Социальные службы".split()
    live_server.engine.complete_task(
        task.id, {"referral_decision": "accepted"}, actor="social", agency="social"
    )
    ngo.goto(f"/cases/{case_id}")
    assert said.inner_text().split() == "Перенаправление принято — Социальные службы".split()
    assert no_horizontal_scroll(ngo)
    screenshot(ngo, f"urgent-ngo-accepted-{width}", full_page=False)
