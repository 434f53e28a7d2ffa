"""Dates a person reads are in the page language's pattern, never ISO (issue 18, review 1):
the case data, a task's context from the case, the timeline's answers; date inputs stay ISO."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import pytest

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from forms.timewords import date_text, moment
from tests.forms.conftest import Browser, OpenBrowser, report_case
from tests.state_fixtures import answers

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DETECTED = {"ru": "5 янв. 2026 г.", "ky": "2026-ж., 5-янв.", "en": "Jan 5, 2026"}


def _visible(page: str) -> str:
    """The text a person reads: no tags, attributes, scripts nor styles."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return _spaces(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _spaces(text: str) -> str:
    """CLDR patterns hold no-break spaces; compare with plain ones."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _in(lang: str, b: Browser) -> None:
    b.post("/language", {"lang": lang, "next": "/inbox"})


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
def test_the_case_data_shows_dates_in_the_page_language(
    browser: OpenBrowser, web_engine: Engine, lang: str
) -> None:
    step = report_case(web_engine, date_of_birth="2001-04-05")
    ngo = browser("ngo")
    _in(lang, ngo)
    text = _visible(ngo.get(f"/cases/{step.case.id}").text)
    assert DETECTED[lang] in text
    assert ISO.findall(text) == []


def test_a_task_shows_the_case_dates_it_reads_in_words_and_its_date_inputs_stay_iso(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    """Drives a case until a task's context holds a date of the case; that task's page."""
    case_id = report_case(web_engine).case.id
    for _ in range(40):
        task = web_engine.case_tasks(case_id)[0]
        form = dict(web_engine.task_form(task.id) or {})
        data = web_engine.task_data(case_id, task.id)
        dated = [f for f in form.get("x-context") or [] if f.endswith("_date") and f in data]
        if dated:
            break
        clock.advance(timedelta(hours=1))
        done = answers(form or None, clock.now())
        web_engine.complete_task(task.id, done, actor=str(task.agency), agency=task.agency)
    else:
        raise AssertionError("no task reads a date of the case")
    b = browser(str(task.agency))
    for lang in ("ru", "en"):
        _in(lang, b)
        page = b.get(f"/tasks/{task.id}").text
        context = page.split('id="context-title"')[1].split("</section>")[0]
        assert ISO.findall(_visible(context)) == [], context
        assert _spaces(date_text(data[dated[0]], lang) or "") in _visible(context)
    assert re.search(r'<input type="date" class="short" value="(\d{4}-\d{2}-\d{2})?"', page)


def test_moments_and_dates_follow_the_language() -> None:
    at = datetime(2026, 12, 7, 3, 5, tzinfo=UTC)  # 09:05 in Bishkek
    assert _spaces(moment(at, "ru")) == "7 дек. 2026 г., 09:05"
    assert _spaces(moment(at, "en")) == "Dec 7, 2026, 9:05 AM"
    assert _spaces(moment(at, "ky")) == "2026-ж., 7-дек. 09:05"
    assert _spaces(date_text("2026-12-07", "ru") or "") == "7 дек. 2026 г."
    assert _spaces(date_text("2026-12-07T10:00", "en", naive=UTC) or "") == "Dec 7, 2026, 4:00 PM"
    assert date_text("not a date", "ru") is None and date_text("2026-13-40", "ru") is None
