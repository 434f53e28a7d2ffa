"""The statistics page's figures: Table 1 exactly as the article prints it, a unique title in
every language, an SVG chart and a CSV download each, escaped text."""

from __future__ import annotations

import csv
import io
import re
import threading
from html import unescape
from typing import Any

import pytest
from sqlmodel import Session

from engine import official, statscan
from engine.catalogue import STEPS
from engine.facade import Engine
from forms.charts import bars
from forms.statfigures import Figure
from forms.translate import LANGUAGES, Translator
from forms.web.render import environment
from tests.forms.conftest import Browser, OpenBrowser, report_case

# Table 1 of the article (National Statistical Committee), line by line as printed.
TABLE_1 = """\
Баткенская область – – – – 2 2 – – – – – –
Джалал-Абадская область 2 1 – – 1 1 1 – – 2 – –
Иссык-Кульская область – 1 – – 1 1 2 – – – 1 –
Нарынская область – – – – – – 1 – – – 1 –
Ошская область 1 5 2 – 1 3 – – 1 1 1 1
Таласская область – – – – – – – – – – – –
Чуйская область – 2 1 2 4 3 1 3 1 1 – 1
город Бишкек 2 2 4 3 – 4 1 4 – 2 5 6
город Ош 1 2 2 – 1 5 3 – – 2 3 –
Кыргызская Республика 6 13 9 6 10 19 9 7 2 8 11 8"""
SECTION = re.compile(r'<section class="figure" id="([^"]+)".*?</section>', re.S)
ROW = re.compile(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', re.S)
CELL = re.compile(r'<td class="num">(.*?)</td>', re.S)


def _sections(page: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in SECTION.finditer(page)}


def _table(section: str) -> dict[str, list[str]]:
    rows = {}
    for label, cells in ROW.findall(section):
        rows[unescape(label)] = [re.sub(r"<[^>]+>", "", c).strip() for c in CELL.findall(cells)]
    return rows


def _load_official(engine: Engine) -> None:
    with Session(engine.db) as session:
        official.import_shipped(session, now=engine.clock.now())
        session.commit()


def test_table_1_is_shown_exactly_as_printed_with_the_2012_difference(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    _load_official(web_engine)
    page = browser("rapporteur").get("/statistics").text
    section = _sections(page)["registered-crimes-published-1"]
    table = _table(section)
    header = re.search(r"<thead><tr>(.*?)</tr></thead>", section, re.S)
    assert header is not None
    years = re.findall(r">(\d{4})</th>", header.group(1))
    assert years == [str(y) for y in range(2009, 2021)]
    for line in TABLE_1.splitlines():
        (*words,) = line.rsplit(" ", 12)
        label, cells = words[0], words[1:]
        assert table[label] == cells, label  # every count, every dash
    assert table["Сумма по регионам"][3] == "5"  # 2012: the regions add up to 5...
    assert "2012: в строке по стране 6, сумма по регионам 5 (как напечатано)." in section
    assert section.count('stroke="#b00020"') == 2  # ...both cells of 2012 outlined
    assert "<svg" in section and "Открытые данные: ничего не скрыто." in section


def _titles(browser: Browser, lang: str) -> list[str]:
    browser.post("/language", {"lang": lang, "next": "/statistics"})
    page = browser.get("/statistics").text
    return [unescape(t) for t in re.findall(r'<h2 id="[^"]+-heading">([^<]+)</h2>', page)]


def test_every_figure_has_a_unique_translated_title_and_a_chart(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    _load_official(web_engine)
    for _ in range(6):
        report_case(web_engine, "police")
    rapporteur = browser("rapporteur")
    titles = {lang: _titles(rapporteur, lang) for lang in LANGUAGES}
    for lang, found in titles.items():
        assert len(found) == len(set(found)) > 20, (lang, found)
    assert titles["ru"] != titles["en"] and titles["ky"] != titles["ru"]
    page = rapporteur.get("/statistics").text
    for figure_id, section in _sections(page).items():
        has_rows = "<table>" in section  # else: "Nothing to count yet."
        assert section.count("<svg") == (1 if has_rows else 0), figure_id
    for step in [*(s.name for s in STEPS), "closed"]:
        for lang in LANGUAGES:
            assert Translator(lang).has(f"statistics.step.{step}"), (lang, step)


def test_each_figure_downloads_as_the_csv_of_its_table(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    for i in range(6):
        report_case(web_engine, "police", region="naryn" if i == 0 else "chui")
    rapporteur = browser("rapporteur")
    page = rapporteur.get("/statistics").text
    sections = {k: v for k, v in _sections(page).items() if "<table>" in v}
    assert set(re.findall(r'href="/statistics/([a-z0-9_-]+)\.csv"', page)) == set(sections)
    for figure_id, section in sections.items():
        response = rapporteur.get(f"/statistics/{figure_id}.csv")
        assert response.status_code == 200, figure_id
        assert response.headers["content-type"].startswith("text/csv")
        assert f'filename="{figure_id}.csv"' in response.headers["content-disposition"]
        rows = list(csv.reader(io.StringIO(response.text)))
        shown = _table(section)
        assert [r[0] for r in rows[1:]] == list(shown), figure_id
    by_region = rapporteur.get("/statistics/cases-by-year-and-region.csv").text
    assert "withheld" in by_region  # Naryn's 1 and its partner, as on the page
    assert rapporteur.get("/statistics/nothing.csv").status_code == 404
    year = rapporteur.get("/statistics/funnel.csv", params={"year": 2001})
    assert 'filename="funnel-2001.csv"' in year.headers["content-disposition"]
    assert browser("police").get("/statistics/funnel.csv").status_code == 403


def test_chart_text_from_forms_is_escaped() -> None:
    figure = Figure("x", "<b>title</b>", "bars", ["v", "n"], [("<script>alert(1)</script>", [7])])
    figure.chart = bars([(label, values) for label, values in figure.rows], "withheld")
    svg = str(environment.get_template("_charts.html").module.bars(figure))  # type: ignore[attr-defined]
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "<b>" not in svg and "&lt;b&gt;title&lt;/b&gt;" in svg


def test_the_page_says_when_its_figures_are_being_counted_again(
    browser: OpenBrowser, web_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(5):
        report_case(web_engine, "police")
    rapporteur = browser("rapporteur")
    rapporteur.post("/language", {"lang": "en", "next": "/statistics"})
    recount = unescape(Translator("en")("statistics.recounting"))
    assert recount not in unescape(rapporteur.get("/statistics").text)
    build = statscan.build
    page_read = threading.Event()

    def slow_build(session: Session) -> Any:  # as a count of 100,000 cases is: it ends
        page_read.wait(10)  # only once the page was read (a read that waited times out)
        return build(session)

    monkeypatch.setattr(statscan, "build", slow_build)
    web_engine.stat_cache.wait_limit = 0.0  # counting took longer than a reader may wait
    report_case(web_engine, "police")
    page = unescape(rapporteur.get("/statistics").text)
    page_read.set()
    assert recount in page
    web_engine.stat_cache.wait(10)
    page = unescape(rapporteur.get("/statistics").text)
    assert recount not in page


def test_the_outcome_figure_names_open_and_cancelled_cases_in_words(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    for _ in range(5):
        report_case(web_engine, "police")
    rapporteur = browser("rapporteur")
    rapporteur.post("/language", {"lang": "en", "next": "/statistics"})
    section = _sections(rapporteur.get("/statistics").text)["cases-by-outcome"]
    labels = set(_table(section))
    assert {"Open", "Cancelled"} <= labels and not {"open", "cancelled"} & labels, labels
