"""Pages review 3, P3-3: the report refuses answers that contradict each other instead of
opening a case on one of them. An age of 30 beside a date of birth that makes the person 14
opened an adult case with no child protection: the report is refused with the error on both
fields. "Citizenship not known" beside a chosen country silently dropped the country: it is
refused, naming both questions."""

from __future__ import annotations

import html
import re
from datetime import date

from engine import statcube
from engine.crossfield import rule_errors, years_on
from engine.db import read_session
from engine.facade import Engine
from tests.forms.conftest import REPORT, OpenBrowser

FORM = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in REPORT.items()}


def _error(page: str, field: str) -> str:
    """The text of one field's error, tags and spaces tidied."""
    start = page.find(f'id="err-{field}"')
    assert start >= 0, f"no error on {field}"
    block = page[start : page.index("</p>", start)] if "</p>" in page[start:] else page[start:]
    text = re.sub(r"<[^>]+>", " ", block[block.index(">") + 1 :])
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def test_an_age_the_date_of_birth_contradicts_is_refused_on_both_fields(
    browser: OpenBrowser,
) -> None:
    ngo = browser("ngo")
    child = {**FORM, "age": "30", "date_of_birth": "2012-01-01"}  # 14 on 2026-01-05
    page = ngo.post("/report", child)
    assert page.status_code == 422, page.text[:300]
    said = "Возраст и дата рождения не совпадают: по дате рождения человеку 14."
    assert said in _error(page.text, "age")
    assert "«Дата рождения»" in _error(page.text, "age")
    assert said in _error(page.text, "date_of_birth")
    assert "«Возраст»" in _error(page.text, "date_of_birth")
    for lang, words in (
        ("en", "The age and the date of birth do not agree: by the date of birth the person is 14"),
        ("ky", "Жашы менен туулган күнү дал келбейт"),
    ):
        ngo.post("/language", {"lang": lang, "next": "/report"})
        assert words in _error(ngo.post("/report", child).text, "age")


def test_a_child_by_either_box_is_never_an_adult_by_the_other() -> None:
    """Within a year is a slip of the day the age was counted on, except across 18."""
    schema = {
        "properties": {
            "age": {"type": ["integer", "null"], "x-age-of": {"born": "dob", "on": "seen"}},
            "dob": {"type": "string", "format": "date"},
            "seen": {"type": "string", "format": "date"},
        }
    }
    today = date(2026, 1, 5)

    def refused(age: int, dob: str) -> set[str]:
        data = {"age": age, "dob": dob, "seen": "2026-01-05"}
        return {e.field for e in rule_errors(schema, data, known={}, today=today)}

    assert years_on(date(2008, 6, 1), today) == 17
    assert refused(17, "2008-06-01") == set()
    assert refused(16, "2008-06-01") == set()  # a year off, both a child
    assert refused(18, "2008-06-01") == {"age", "dob"}  # a child by the date of birth
    assert refused(17, "2007-06-01") == {"age", "dob"}  # a child by the age
    assert refused(32, "1995-03-01") == {"age", "dob"}  # 30 on the day of detection
    assert refused(31, "1995-03-01") == set()


def test_an_age_that_agrees_with_the_date_of_birth_opens_the_case(
    browser: OpenBrowser,
) -> None:
    page = browser("ngo").post("/report", {**FORM, "age": "24", "date_of_birth": "2001-03-02"})
    assert page.status_code == 303, page.text[:500]


def test_a_country_beside_citizenship_not_known_is_refused_naming_both_questions(
    browser: OpenBrowser,
) -> None:
    ngo = browser("ngo")
    for status in ("unknown", "stateless"):
        page = ngo.post("/report", {**FORM, "citizenship_status": status, "citizenship": "KZ"})
        assert page.status_code == 422, page.text[:300]
        said = _error(page.text, "citizenship")
        assert "Этот ответ не подходит к ответу на вопрос «Известно ли гражданство" in said
        assert 'value="KZ" selected' in page.text  # the country is still there to see
    ngo.post("/language", {"lang": "en", "next": "/report"})
    page = ngo.post("/report", {**FORM, "citizenship_status": "unknown", "citizenship": "KZ"})
    assert "«Is the person's citizenship known?»" in _error(page.text, "citizenship")
    sent = ngo.post("/report", {**FORM, "citizenship_status": "unknown", "citizenship": ""})
    assert sent.status_code == 303, sent.text[:300]


def test_is_the_citizenship_known_is_marked_required_and_asks_for_a_country_not_a_code(
    browser: OpenBrowser,
) -> None:
    """Pages review 3, P3-22: the question refused empty had no asterisk, and its answer
    asked for a "country code" beside a list of country names."""
    ngo = browser("ngo")
    page = ngo.get("/report", follow_redirects=True).text
    question = page[page.index('id="field-citizenship_status"') :]
    question = question[: question.index("</fieldset>")]
    assert 'class="req"' in question and 'aria-required="true"' in question
    assert "Известно — выберите страну ниже" in question and "код страны" not in page
    for lang, words in (("en", "Known: choose the country below"), ("ky", "өлкөнү төмөндөн")):
        ngo.post("/language", {"lang": lang, "next": "/report"})
        assert words in ngo.get("/report", follow_redirects=True).text
    ngo.post("/language", {"lang": "ru", "next": "/report"})
    country_only = {k: v for k, v in FORM.items() if k != "citizenship_status"}
    refused = ngo.post("/report", country_only)
    assert refused.status_code == 422, refused.text[:300]
    assert "Ответьте на этот вопрос." in _error(refused.text, "citizenship_status")


def test_a_social_worker_or_another_agency_can_say_how_the_person_came_to_notice(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    """Pages review 3, P3-21: social services, child protection, a school or another agency
    had no choice and had to pick something untrue for the statistics."""
    social = browser("social")
    form = social.get("/report", follow_redirects=True).text
    for words in ("Социальные службы", "Орган защиты детей", "Школа или образовательная"):
        assert words in form, words
    refused = social.post("/report", {**FORM, "detection_channel": "other"})
    assert refused.status_code == 422, refused.text[:300]
    assert "«Как о человеке стало известно»" in _error(refused.text, "detection_channel_other")
    for channel, extra in (
        ("social", {}),
        ("other", {"detection_channel_other": "Diaspora association in Moscow"}),
    ):
        sent = social.post(
            "/report",
            {**FORM, "pseudonym": f"Channel-{channel}", "detection_channel": channel, **extra},
        )
        assert sent.status_code == 303, sent.text[:300]
        case = web_engine.get_case(sent.headers["location"].removeprefix("/cases/"))
        assert case.data["detection_channel"] == channel
    with read_session(web_engine.db) as session:
        marks = statcube.marked_fields(session)
    assert {"social", "child_protection", "education", "other"} <= set(
        marks["detection_channel"].options
    )
    assert "detection_channel_other" not in marks  # free text
