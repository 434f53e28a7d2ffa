"""Pages review 4, P4-8: when the guardian who withdrew a child's consent is suspected, the
best-interests form does not offer "ending the services is in the child's best interests" (a
withdrawal by a suspect is never acted on): only "the services go on" is shown, chosen; an
answer sent anyway is refused saying why, not "Choose one of the options"."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser
from tests.forms.driving import drive_until
from tests.forms.test_pages_child_safety import WITHDRAWN, child_with_a_suspect

BEST = "consent_withdrawn_child_best_interests.schema.json"
KEEP = "repatriation_withdrawn_child_return.schema.json"
ANSWERS = {
    "child_withdrawal_best_interests_child_views": "Wants to stay with the grandmother",
    "child_withdrawal_best_interests_basis": "The father who withdrew is suspected",
    "child_withdrawal_best_interests_date": "2026-01-05",
}
WHY = {
    "en": "leaves only «Not in the child's best interests: the services go on",
    "ru": "можно выбрать только «",
    "ky": "гана тандалат",
}


def best_interests_task(engine: Engine, clock: FakeClock | None, *, suspected: bool) -> str:
    case_id = child_with_a_suspect(engine, clock)
    engine.deliver_message(case_id, "consent_withdrawn", WITHDRAWN, actor="ngo", agency="ngo")
    keep = {KEEP: {"child_withdrawal_withdrawer_suspected": suspected}}
    return drive_until(engine, clock, case_id, BEST, overrides=keep).id


def test_a_suspects_withdrawal_offers_only_services_go_on(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    task_id = best_interests_task(web_engine, clock, suspected=True)
    page = browser("child_protection").get(f"/tasks/{task_id}").text
    assert re.search(r'value="services_continue"[^>]* checked', page)
    assert 'value="services_end"' not in page


def test_a_withdrawal_not_by_a_suspect_offers_both(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    task_id = best_interests_task(web_engine, clock, suspected=False)
    page = browser("child_protection").get(f"/tasks/{task_id}").text
    assert 'value="services_end"' in page and 'value="services_continue"' in page


def test_ending_services_on_a_suspects_word_is_refused_saying_why(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    task_id = best_interests_task(web_engine, clock, suspected=True)
    officer = browser("child_protection")
    for lang, why in WHY.items():
        officer.post("/language", {"lang": lang, "next": "/inbox"})
        sent = {"action": "submit", "child_withdrawal_best_interests": "services_end", **ANSWERS}
        page = html.unescape(officer.post(f"/tasks/{task_id}", sent).text)
        assert why in page, lang
