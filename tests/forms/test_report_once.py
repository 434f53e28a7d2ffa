"""Fault 2 of issue 18: a report is sent once (a one-time token the server consumes), and a
report that looks like a person reported recently warns the reporter, who decides."""

from __future__ import annotations

import re
from datetime import timedelta

from api.services import access_log
from engine.db import read_session
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import REPORT, Browser, OpenBrowser

FORM = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in REPORT.items()}
TOKEN = re.compile(r'name="submission" value="([^"]+)"')


def open_form(user: Browser) -> tuple[str, str]:
    """GET /report: redirected to the form's own address with its token; (address, token)."""
    first = user.get("/report")
    assert first.status_code == 303 and first.headers["location"].startswith("/report?t=")
    address = first.headers["location"]
    page = user.get(address)
    assert page.status_code == 200
    match = TOKEN.search(page.text)
    assert match is not None and address == f"/report?t={match.group(1)}"
    return address, match.group(1)


def test_a_report_sent_again_with_its_token_opens_no_second_case(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    ngo = browser("ngo")
    address, token = open_form(ngo)
    sent = ngo.post("/report", {**FORM, "submission": token})
    assert sent.status_code == 303 and sent.headers["location"].startswith("/cases/")
    case_id = sent.headers["location"].removeprefix("/cases/")
    number = web_engine.get_case(case_id).number
    again = ngo.post("/report", {**FORM, "submission": token})  # back, send again
    assert again.status_code == 303 and again.headers["location"] == address
    edited = ngo.post("/report", {**FORM, "pseudonym": "Other", "submission": token})
    assert edited.status_code == 303 and edited.headers["location"] == address
    page = ngo.get(address).text  # back to the form's address: no form, the case
    assert "Это сообщение уже отправлено" in page and number in page
    assert f'href="/cases/{case_id}"' in page and 'name="submission"' not in page
    assert ngo.get("/report").headers["location"] != address  # a new report: a new token


def test_a_form_without_a_valid_token_gets_one() -> None:
    from forms.web.start import _token

    assert _token("x" * 24) == "x" * 24
    assert _token("short") is None and _token("../../etc") is None and _token(None) is None


def test_a_report_like_a_recent_one_warns_and_links_the_earlier_case(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    ngo = browser("ngo")
    _address, token = open_form(ngo)
    first = ngo.post("/report", {**FORM, "submission": token})
    first_id = first.headers["location"].removeprefix("/cases/")
    number = web_engine.get_case(first_id).number
    clock.advance(timedelta(days=3))
    _address, token = open_form(ngo)
    same = {**FORM, "pseudonym": " aigul ", "age": "22", "detection_place": "Osh bazaar"}
    held = ngo.post("/report", {**same, "submission": token})
    assert held.status_code == 409
    assert "Похоже, об этом человеке уже сообщали" in held.text
    link = f'<a href="/cases/{first_id}" target="_blank" rel="noopener">Случай {number}'
    assert link in held.text and "откроется в новой вкладке" in held.text  # the report stays
    assert 'value="Osh bazaar"' in held.text  # nothing typed is lost
    # even if this page is left, the report is kept for its author
    reopened = ngo.get("/report", follow_redirects=True).text
    assert 'value="Osh bazaar"' in reopened
    assert _access(web_engine, first_id) == []  # matched on the age band: nothing disclosed
    assert 'name="different_person" value="yes"' in held.text
    assert ngo.post("/report", {**same, "submission": token}).status_code == 409  # kept again
    sent = ngo.post("/report", {**same, "submission": token, "different_person": "yes"})
    assert sent.status_code == 303 and sent.headers["location"] != first.headers["location"]
    second_id = sent.headers["location"].removeprefix("/cases/")
    assert web_engine.get_case(second_id).data["pseudonym"] == "aigul"  # nothing merged
    sent_then = ngo.get("/report", follow_redirects=True).text
    assert 'value="Osh bazaar"' not in sent_then  # sent: not given back
    assert web_engine.get_case(first_id).data["detection_place"] == REPORT["detection_place"]


def test_other_region_age_band_or_an_old_case_is_no_duplicate(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    ngo = browser("ngo")
    _address, token = open_form(ngo)
    assert ngo.post("/report", {**FORM, "submission": token}).status_code == 303
    for changed in ({"region": "osh_city"}, {"age": "15"}):
        _address, token = open_form(ngo)
        response = ngo.post("/report", {**FORM, **changed, "submission": token})
        assert response.status_code == 303, changed
    clock.advance(timedelta(days=31))  # duplicate_report_days: 30 (and the sign-in ended)
    ngo = browser("ngo")
    _address, token = open_form(ngo)
    assert ngo.post("/report", {**FORM, "submission": token}).status_code == 303


def test_another_agencys_case_is_not_named(browser: OpenBrowser, web_engine: Engine) -> None:
    police = browser("police")
    _address, token = open_form(police)
    assert police.post("/report", {**FORM, "submission": token}).status_code == 303
    ngo = browser("ngo")
    _address, token = open_form(ngo)
    response = ngo.post("/report", {**FORM, "submission": token})
    assert response.status_code == 303  # the NGO takes no part in the police's case
    del web_engine


def _access(engine: Engine, case_id: str) -> list[tuple[str, str, list[str]]]:
    with read_session(engine.db) as session:
        records = access_log.list_for_case(session=session, case_id=case_id).data
    return [
        (r.username, r.endpoint, r.fields) for r in records if r.endpoint.startswith("POST /report")
    ]


def test_a_match_on_the_date_of_birth_is_an_access_to_the_earlier_case(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    ngo = browser("ngo")
    born = {**FORM, "date_of_birth": "2001-04-05"}
    _address, token = open_form(ngo)
    first = ngo.post("/report", {**born, "submission": token})
    first_id = first.headers["location"].removeprefix("/cases/")
    _address, token = open_form(ngo)
    held = ngo.post("/report", {**born, "submission": token})
    assert held.status_code == 409
    assert _access(web_engine, first_id) == [
        ("ngo", "POST /report (looks like an earlier report)", ["date_of_birth"])
    ]
