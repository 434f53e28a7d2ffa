"""The answer forms that limit or withdraw consent (second page review P-7): the person's
consent as the case holds it is shown above the form (within need to know), and the green
notice after sending repeats what was recorded in words, as the timeline does."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until

NOW = {
    "ru": "Согласие человека сейчас",
    "ky": "Адамдын азыркы макулдугу",
    "en": "The person's consent now",
}


def words(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(fragment)).split())


def section(page: str, title_id: str) -> str:
    return page.split(f'id="{title_id}"')[1].split("</section>")[0]


LABELS = {
    "ru": (
        "Согласен (согласна) на заявление в милицию Да",
        "Получатели, которым человек согласен передать свои данные",
    ),
    "ky": ("Милицияга арыз берүүгө макул Ооба", None),
    "en": ("police report Yes", None),
}


def test_the_current_consent_is_shown_above_the_limitation_and_withdrawal_forms(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    case_id = report_case(web_engine).case.id
    drive_until(web_engine, clock, case_id, "referral_accept.schema.json")
    data = web_engine.get_case(case_id).data
    assert data["consent_police_report"] is True and data["referral_consent_receivers"]
    ngo = browser("ngo")
    for name in ("consent_limited", "consent_withdrawn"):
        for lang in ("ru", "ky", "en"):
            ngo.post("/language", {"lang": lang, "next": "/inbox"})
            page = html.unescape(ngo.get(f"/cases/{case_id}/messages/{name}").text)
            assert f'<h2 id="consent-now-title">{NOW[lang]}</h2>' in page
            assert page.index('id="consent-now-title"') < page.index('class="taskform"')
            now = words(section(page, "consent-now-title"))
            police, receivers = LABELS[lang]
            assert police in now, now
            if receivers:
                assert f"{receivers} НКО / кризисный центр" in now, now


def test_the_notice_after_a_limitation_says_what_was_recorded_in_words(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    case_id = report_case(web_engine).case.id
    drive_until(web_engine, clock, case_id, "referral_accept.schema.json")
    ngo = browser("ngo")
    sent = ngo.post(
        f"/cases/{case_id}/messages/consent_limited",
        {
            "consent_withdrawn_on": clock.now().date().isoformat(),
            "consent_withdrawn_from": ["police"],
            "consent_police_report_withdrawn": "true",
            "submission": "limit-1",
        },
    )
    assert sent.status_code == 303, sent.text[:2000]
    page = ngo.get(f"/cases/{case_id}").text
    notice = words(page.split('<div class="notice" role="status">')[1].split("</div>")[0])
    assert "Внесено:" in notice
    assert "Больше не передавать данные этим ведомствам: Милиция" in notice, notice
    assert "Дата отзыва согласия: " in notice, notice
