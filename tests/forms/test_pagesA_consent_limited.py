"""A recorded consent limitation says in the timeline what was limited (page review F-Z):
not only "Answer recorded", but which answer and its values, within need to know."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from api.services import visibility
from engine.db import read_session
from engine.facade import Engine
from engine.models import Case
from forms.web import messages as web_messages
from tests.forms.conftest import REPORT, OpenBrowser, to_screening

LIMITED = {
    "consent_withdrawn_on": "2026-01-06",
    "consent_withdrawn_from": ["police"],
    "consent_police_report_withdrawn": True,
}


def _entry(page: str, action: str) -> str:
    timeline = page.split('id="timeline-title"')[1].split("</section>")[0]
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", timeline)).split())
    start = text.index(action)
    return text[start : start + 400]


def test_the_timeline_names_the_limitation_and_what_it_limited(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    case_id = to_screening(web_engine).case.id
    assert "consent_limited" in [m.name for m in web_engine.awaited_messages(case_id)]
    web_engine.deliver_message(case_id, "consent_limited", LIMITED, actor="ngo", agency="ngo")
    ngo = browser("ngo")
    for lang in ("ru", "ky", "en"):
        ngo.post("/language", {"lang": lang, "next": "/inbox"})
        page = ngo.get(f"/cases/{case_id}").text
        recorded = {"ru": "Ответ внесён", "ky": "Жооп киргизилди", "en": "Answer recorded"}[lang]
        entry = _entry(page, recorded)
        title = {
            "ru": "Человек ограничил согласие",
            "ky": "Адам макулдугун чектеди",
            "en": "The person limited her consent",
        }[lang]
        assert f"{recorded}: {title}" in entry, entry
        agency = {"ru": "Милиция", "ky": "Милиция", "en": "Police"}[lang]
        assert agency in entry, entry


def test_the_values_are_the_senders_to_know_a_role_of_the_case_resolved(
    web_engine: Engine,
) -> None:
    """The NGO sends "consent_limited" as the case's first responder (a role the case
    resolves, not its own name): it knows the fields; an agency that sends none does not."""
    case_id = to_screening(web_engine).case.id
    data = web_engine.get_case(case_id).data
    with read_session(web_engine.db) as session:
        case = session.get(Case, case_id)
        assert case is not None
        loaded = visibility.version_of(web_engine, session, case)
        params = web_engine.settings.params
        ngo = visibility.agency_case_fields(session, loaded, case, "ngo", data, params)
        other = visibility.agency_case_fields(session, loaded, case, "prosecutor", data, params)
    assert set(LIMITED) <= ngo
    assert not set(LIMITED) & other


CONSENT_SO_FAR = ["pseudonym", "consent_referral", "consent_police_report"]


def test_an_answer_form_shows_what_its_context_names_within_need_to_know(
    web_engine: Engine, browser: OpenBrowser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answer's form shows read-only the case fields its schema's `x-context` names (the
    consent recorded so far beside a limitation of it), personal ones never."""
    case_id = to_screening(web_engine).case.id
    answer = web_messages._answer

    def with_context(*args: Any, **kwargs: Any) -> Any:
        case, message = answer(*args, **kwargs)
        schema = {**(message.form_schema or {}), "x-context": [*CONSENT_SO_FAR, "full_name"]}
        return case, message.model_copy(update={"form_schema": schema})

    monkeypatch.setattr(web_messages, "_answer", with_context)
    ngo = browser("ngo")
    said = {
        "ru": ("Согласен (согласна) на заявление в милицию", "Да"),
        "ky": ("Милицияга арыз берүүгө макул", "Ооба"),
        "en": ("police report", "Yes"),
    }
    for lang, (label, yes) in said.items():
        ngo.post("/language", {"lang": lang, "next": "/inbox"})
        page = ngo.get(f"/cases/{case_id}/messages/consent_limited").text
        assert 'id="context-title"' in page, lang
        box = page.split('id="context-title"')[1].split("</section>")[0]
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", box)).split())
        assert "Aigul" in text and label in text and yes in text, text
        assert REPORT["full_name"] not in page  # personal: not on this page
