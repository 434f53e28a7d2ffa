"""The report form keeps what was typed for its author (review F-Y): "Save draft", a refused
send and a language switch keep it; /report gives it back until the report is sent or the
draft is thrown away; keeping it never uses the form's one-time token, so the report still
opens one case only."""

from __future__ import annotations

import re

import pytest

from engine.facade import Engine
from tests.forms.conftest import REPORT, Browser, OpenBrowser
from tests.forms.test_report_kept import cases, kept_reports
from tests.forms.test_report_once import FORM, open_form

PARTIAL = {"detection_place": "Interrupted at the bus station", "pseudonym": "Aigul"}
SAVE = {
    "ru": "Сохранить черновик",
    "ky": "Черновикти сактоо",
    "en": "Save draft",
}
DRAFT_NOTE = {
    "ru": "В форме ваш черновик от",
    "ky": "сакталган черновигиңиз турат",
    "en": "The form holds your draft of",
}


def fresh_form(user: Browser) -> str:
    """What a user gets opening "Report" again: a new token's form."""
    return user.get("/report", follow_redirects=True).text


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
def test_a_saved_draft_comes_back_until_the_report_is_sent_once(
    browser: OpenBrowser, web_engine: Engine, lang: str
) -> None:
    ngo = browser("ngo")
    ngo.post("/language", {"lang": lang})
    address, token = open_form(ngo)
    page = ngo.get(address).text
    assert f'name="action" value="draft">{SAVE[lang]}</button>' in page
    saved = ngo.post("/report", {**PARTIAL, "submission": token, "action": "draft"})
    assert saved.status_code == 303 and saved.headers["location"] == address  # same token
    assert cases(web_engine) == 0 and kept_reports(web_engine) == 1
    for _ in range(2):  # the tab was closed: "Report" again, twice — the draft each time
        again = fresh_form(ngo)
        assert 'value="Interrupted at the bus station"' in again and 'value="Aigul"' in again
        assert DRAFT_NOTE[lang] in again
    sent = ngo.post("/report", {**FORM, **PARTIAL, "submission": token})
    assert sent.status_code == 303 and sent.headers["location"].startswith("/cases/")
    assert cases(web_engine) == 1 and kept_reports(web_engine) == 0
    # the old page: saving or sending again opens nothing and keeps nothing
    ngo.post("/report", {**FORM, "submission": token, "action": "draft"})
    assert ngo.post("/report", {**FORM, "submission": token}).headers["location"] == address
    assert cases(web_engine) == 1 and kept_reports(web_engine) == 0
    assert "Interrupted at the bus station" not in fresh_form(ngo)


def test_a_refused_report_is_kept_for_when_the_page_is_lost(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    ngo = browser("ngo")
    _address, token = open_form(ngo)
    refused = ngo.post("/report", {**PARTIAL, "submission": token})
    assert refused.status_code == 422 and 'value="Aigul"' in refused.text
    assert cases(web_engine) == 0
    again = fresh_form(ngo)  # the phone discarded the tab; "Report" again
    assert 'value="Interrupted at the bus station"' in again and 'value="Aigul"' in again


def test_a_language_switch_keeps_the_report_past_one_reload(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    ngo = browser("ngo")
    address, token = open_form(ngo)
    ngo.post("/report", {**PARTIAL, "submission": token, "lang": "ky"})
    for _ in range(2):
        page = ngo.get(address).text
        assert '<html lang="ky">' in page and 'value="Aigul"' in page
    assert cases(web_engine) == 0


def test_a_draft_thrown_away_is_gone_and_only_its_author_sees_one(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    ngo = browser("ngo")
    _address, token = open_form(ngo)
    ngo.post("/report", {**PARTIAL, "submission": token, "action": "draft"})
    assert "Interrupted at the bus station" not in fresh_form(browser("ngo_supervisor"))
    page = fresh_form(ngo)
    assert 'name="action" value="discard"' in page
    token = re.search(r'name="submission" value="([^"]+)"', page)
    assert token is not None
    thrown = ngo.post("/report", {**PARTIAL, "submission": token[1], "action": "discard"})
    assert thrown.status_code == 303 and thrown.headers["location"] == "/report"
    assert kept_reports(web_engine) == 0
    empty = fresh_form(ngo)
    assert "Interrupted at the bus station" not in empty and 'value="discard"' not in empty
    assert REPORT["pseudonym"] == "Aigul"
