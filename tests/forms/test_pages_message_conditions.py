"""An answer's form settles its conditions on the case's readOnly fields (new-caseworker
walk): recording an adult's withdrawal no longer shows "Withdrawn by (required if «Presumed a
child»: «Yes»)" — a question nobody filling it answers —, and a child's shows it required."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser, report_case, to_screening

WITHDRAWN = "/cases/{}/messages/consent_withdrawn"


def withdrawn_by(page: str) -> str:
    field = page[page.index('id="field-consent_withdrawn_by"') :]
    return html.unescape(field[: field.index("</label>")])


def test_an_adults_withdrawal_does_not_ask_who_withdrew_for_a_child(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    case_id = to_screening(web_engine).case.id
    page = browser("ngo").get(WITHDRAWN.format(case_id)).text
    assert 'id="field-consent_withdrawn_by"' not in page  # not asked of an adult's case
    assert 'id="field-consent_withdrawn_scope"' in page


def test_a_childs_withdrawal_asks_who_withdrew_plainly(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine, age=15).case.id
    assert web_engine.get_case(case_id).data["presumed_child"] is True
    page = browser("ngo").get(WITHDRAWN.format(case_id)).text
    label = withdrawn_by(page)
    assert '<span class="req" aria-hidden="true">*</span>' in label, label
    assert 'class="cond"' not in label, label


def test_what_a_withdrawal_recorded_leaves_out_the_cases_own_copy(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    """The notice after sending and the timeline listed "Presumed a child: No" as recorded:
    the form's readOnly copy of the case's field, nothing the withdrawal said."""
    case_id = to_screening(web_engine).case.id
    sent = {
        "consent_withdrawn_scope": ["help"],
        "consent_withdrawn_on": "2026-01-09",
        "consent_withdrawn_from": ["police"],
        "consent_still_agrees_to_help": True,
    }
    web_engine.deliver_message(case_id, "consent_withdrawn", sent, actor="ngo", agency="ngo")
    page = html.unescape(browser("ngo").get(f"/cases/{case_id}").text)
    timeline = " ".join(re.sub(r"<[^>]+>", " ", page.split('id="timeline-title"')[1]).split())
    assert "Человек ещё хочет получать часть помощи: Да" in timeline
    assert "Предположительно ребёнок: Нет" not in timeline


def test_the_consent_box_says_a_withdrawal_already_recorded(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    """Pages review 3, P3-5: after a withdrawal the box "the person's consent now" still read
    only "consents to referral: yes"; it now starts with what the withdrawal recorded."""
    case_id = to_screening(web_engine).case.id
    sent = {
        "consent_withdrawn_scope": ["help"],
        "consent_withdrawn_on": "2026-01-09",
        "consent_withdrawn_from": ["police"],
        "consent_still_agrees_to_help": True,
    }
    web_engine.deliver_message(case_id, "consent_withdrawn", sent, actor="ngo", agency="ngo")
    page = html.unescape(browser("ngo").get(f"/cases/{case_id}/messages/consent_limited").text)
    said = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    box = said[said.index("Согласие человека сейчас") :]
    assert box.index("Отзыв касается") < box.index("Согласен (согласна) на перенаправление"), box
    assert "Дата отзыва согласия 9 янв. 2026" in box, box[:600]
