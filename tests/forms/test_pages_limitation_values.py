"""A limitation in the case timeline says what it recorded, not what the case holds now
(page review P-2 rest): after a later withdrawal changed the same fields (the date, the
agencies no longer told), the earlier limitation's entry must not show the later values as
its own."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser, to_screening

LIMITED = {
    "consent_withdrawn_on": "2026-01-06",
    "consent_withdrawn_from": ["police"],
    "consent_police_report_withdrawn": True,
}
WITHDRAWN = {
    "consent_withdrawn_scope": ["help"],
    "consent_withdrawn_on": "2026-01-09",
    "consent_withdrawn_from": ["police"],
    "consent_still_agrees_to_help": True,
}


def timeline(page: str) -> str:
    part = page.split('id="timeline-title"')[1].split("</section>")[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())


def entry(text: str, title: str) -> str:
    start = text.index(title)
    following = [i for i in (text.find(" Ответ внесён", start + 1),) if i > 0]
    return text[start : min([*following, len(text)])]


def test_a_limitation_shows_what_it_recorded_not_what_a_later_withdrawal_set(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    case_id = to_screening(web_engine).case.id
    web_engine.deliver_message(case_id, "consent_limited", LIMITED, actor="ngo", agency="ngo")
    web_engine.deliver_message(case_id, "consent_withdrawn", WITHDRAWN, actor="ngo", agency="ngo")
    assert web_engine.get_case(case_id).data["consent_withdrawn_on"] == "2026-01-09"
    text = timeline(browser("ngo").get(f"/cases/{case_id}").text)
    limited = entry(text, "Человек ограничил согласие")
    # never the later withdrawal's date as the limitation's; what it alone set stays
    assert "9 янв." not in limited, limited
    assert "Человек отзывает согласие на заявление в милицию: Да" in limited, limited
    withdrawn = entry(text, "Человек отозвал согласие")
    assert "Дата отзыва согласия: 9 янв. 2026" in withdrawn, withdrawn
