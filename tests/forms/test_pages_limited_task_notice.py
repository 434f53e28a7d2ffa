"""Pages review 3, P3-7: the police's status decision, open after the person stopped sharing
her data with the police, now says so and since when, as the case page does."""

from __future__ import annotations

import html

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, to_screening
from tests.forms.driving import drive_until

LIMITED = {
    "consent_withdrawn_on": "2026-01-05",
    "consent_withdrawn_from": ["police"],
    "consent_police_report_withdrawn": True,
}
NOTICE = {
    "ru": "Человек ограничил передачу данных вашему ведомству с 5 янв. 2026",
    "ky": "сиздин мекемеңизге маалымат берүүнү чектеди",
    "en": "The person limited sharing data with your agency on Jan 5, 2026",
}


def test_the_status_decision_says_since_when_she_no_longer_shares_with_the_police(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = to_screening(web_engine).case.id
    web_engine.deliver_message(case_id, "consent_limited", LIMITED, actor="ngo", agency="ngo")
    task = drive_until(web_engine, clock, case_id, "identification_decision.schema.json")
    assert task.agency == "police"
    police = browser("police")
    for lang, words in NOTICE.items():
        police.post("/language", {"lang": lang, "next": "/inbox"})
        page = html.unescape(police.get(f"/tasks/{task.id}").text)
        assert 'id="sharing-limited"' in page and words in page, lang
    # an agency she still shares with sees no such notice
    ngo_task = next(t for t in web_engine.case_tasks(case_id) if t.agency == "ngo")
    assert 'id="sharing-limited"' not in browser("ngo").get(f"/tasks/{ngo_task.id}").text
