"""The case page's diagrams: the SOP the case is in first and open, the others folded, at
their own size, element names in the page's language, a late task's SOP overdue where it is
called."""

from __future__ import annotations

import re
from datetime import timedelta

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case

DETAILS = re.compile(r'<details class="diagram" id="diagram-([a-z_]+)"( open)?>')


def diagram_of(page: str, process_id: str) -> str:
    """The part of the page that shows one process's diagram."""
    start = page.index(f'<details class="diagram" id="diagram-{process_id}"')
    return page[start : page.index("</details>", start)]


def test_case_page_opens_the_sop_the_case_is_in_and_folds_the_others(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    case = report_case(web_engine).case
    page = browser("ngo").get(f"/cases/{case.id}").text
    assert DETAILS.findall(page) == [("identification", " open"), ("nrm_case", "")]
    current = diagram_of(page, "identification")
    assert "случай сейчас здесь" in current
    # at its own size (one pixel per unit: 12 px text), with a link that fits it, no script
    svg = re.search(r'<svg [^>]*viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"[^>]*>', current)
    assert svg is not None and f'width="{svg.group(1)}"' in svg.group(0)
    assert '<a href="#fit-identification">Уместить по ширине</a>' in current
    assert 'id="fit-identification"' in current


def test_case_diagram_names_elements_in_the_page_language(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    case = report_case(web_engine).case
    ngo = browser("ngo")
    russian = diagram_of(ngo.get(f"/cases/{case.id}").text, "nrm_case")
    assert "Сообщено о предполагаемой жертве" in russian  # the start event
    assert "Идентификация (СОП 1)" in russian and "Identification" not in russian
    assert ">да<" in russian and ">yes<" not in russian  # flow names
    ngo.post("/language", {"lang": "ky", "next": f"/cases/{case.id}"})
    kyrgyz = diagram_of(ngo.get(f"/cases/{case.id}").text, "identification")
    assert "Коопсуздукту жана тобокелдиктерди текшерүү" in kyrgyz
    assert "Котормочу керекпи?" in kyrgyz and "Interpreter needed?" not in kyrgyz


def test_a_called_sop_with_an_overdue_task_is_marked_overdue_on_the_case_page(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    case = report_case(web_engine).case
    ngo = browser("ngo")
    page = ngo.get(f"/cases/{case.id}").text
    assert 'class="bpmn-callActivity state-ready" data-element-id="call_identification"' in page
    clock.advance(timedelta(days=3))  # the safety check is due within hours
    page = ngo.get(f"/cases/{case.id}").text
    parent = diagram_of(page, "nrm_case")
    assert 'class="bpmn-callActivity state-overdue" data-element-id="call_identification"' in parent
    assert '<span class="tag overdue">просрочено</span>' in parent[: parent.index("</summary>")]
    called = diagram_of(page, "identification")
    assert 'class="bpmn-userTask state-overdue" data-element-id="task_safety"' in called
