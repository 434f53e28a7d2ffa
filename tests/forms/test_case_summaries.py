"""Cases a caseworker can tell apart (issue 18 fault 6): a summary line per case in the inbox
and the case list within need to know, filters (overdue, claimed by me, SOP) and a search by
case number or pseudonym among the cases the agency may see."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _entry(page: str, number: str) -> str:
    """The list entry of one case (its HTML)."""
    for entry in re.findall(r'<li class="task[^"]*">.*?</li>', page, re.S):
        if number in entry:
            return entry
    raise AssertionError(f"{number} not listed")


def test_the_case_list_and_inbox_show_a_summary_line(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    child = report_case(web_engine, pseudonym="Bakyt-02", age=15, immediate_danger=True)
    adult = report_case(web_engine, pseudonym="Aigul", region="osh_city")
    ngo = browser("ngo")
    listed = ngo.get("/cases").text
    line = _text(_entry(listed, child.case.number))
    assert "Bakyt-02" in line and "ребёнок" in line and "непосредственная опасность" in line
    assert "Срок по случаю: через" in line
    assert "Идентификация (СОП 1)" in line
    other = _text(_entry(listed, adult.case.number))
    assert "Aigul" in other and "возраст 18-24" in other and "Ош" in other
    assert "непосредственная опасность" not in other
    inbox = ngo.get("/inbox").text
    assert "Bakyt-02" in _text(_entry(inbox, child.case.number))
    assert "Aigul" in _text(_entry(inbox, adult.case.number))


def test_another_agency_neither_lists_nor_finds_a_case_it_takes_no_part_in(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    case = report_case(web_engine, pseudonym="Nurgul")
    police = browser("police")
    link = f'href="/cases/{case.case.id}"'
    assert link not in police.get("/cases").text
    found = police.get("/cases?q=Nurgul").text
    assert link not in found and "Ничего не найдено." in found
    assert link not in police.get(f"/cases?q={case.case.number}").text


def test_search_by_case_number_or_pseudonym(web_engine: Engine, browser: OpenBrowser) -> None:
    first = report_case(web_engine, pseudonym="Cholpon")
    second = report_case(web_engine, pseudonym="Saltanat")
    ngo = browser("ngo")
    by_name = ngo.get("/cases?q=cholp").text
    assert first.case.number in by_name and second.case.number not in by_name
    by_number = ngo.get(f"/cases?q={second.case.number}").text
    assert second.case.number in by_number and first.case.number not in by_number
    assert 'value="Cholpon"' in ngo.get("/cases?q=Cholpon").text  # the search stays
    assert "Ничего не найдено." in ngo.get("/cases?q=nobody").text


def test_filters_overdue_claimed_by_me_and_sop(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    old = report_case(web_engine, pseudonym="Old")
    clock.advance(timedelta(days=30))
    new = report_case(web_engine, pseudonym="New")
    web_engine.claim_task(new.opened[0].id, actor="ngo", agency="ngo")
    ngo = browser("ngo")
    overdue = ngo.get("/cases?overdue=true").text
    assert old.case.number in overdue and new.case.number not in overdue
    mine = ngo.get("/cases?mine=true").text
    assert new.case.number in mine and old.case.number not in mine
    in_sop = ngo.get("/cases?sop=identification").text
    assert old.case.number in in_sop and new.case.number in in_sop
    assert old.case.number not in ngo.get("/cases?sop=social_rehabilitation").text
    inbox_overdue = ngo.get("/inbox?overdue=true").text
    assert old.case.number in inbox_overdue and new.case.number not in inbox_overdue
    assert new.case.number not in ngo.get("/inbox?sop=social_rehabilitation").text
    assert old.case.number in ngo.get("/inbox?sop=identification").text


def test_the_case_and_task_pages_carry_the_same_summary_line(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    step = report_case(web_engine, pseudonym="Meerim", age=15)
    ngo = browser("ngo")
    listed = re.search(
        r'<p class="summary">.*?</p>', _entry(ngo.get("/cases").text, "Meerim"), re.S
    )
    assert listed is not None
    for path in (f"/cases/{step.case.id}", f"/tasks/{step.opened[0].id}"):
        page = ngo.get(path).text
        shown = re.search(r'<p class="summary">.*?</p>', page, re.S)
        assert shown is not None, path
        expected = listed.group(0)
        if path.startswith("/tasks/"):  # the case's deadline is said apart there (review F-A)
            expected = re.sub(r'<span class="deadline[^"]*">.*?</span>', "", expected, flags=re.S)
        assert _text(shown.group(0)) == _text(expected), path
        assert "Meerim" in shown.group(0) and "ребёнок" in shown.group(0)


def test_the_case_list_sorts_by_age_or_next_deadline(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    first = report_case(web_engine, pseudonym="First")
    clock.advance(timedelta(days=1))
    second = report_case(web_engine, pseudonym="Second")
    web_engine.complete_task(
        second.opened[0].id,
        {
            "immediate_danger": False,
            "medical_emergency": False,
            "risk_trafficker_contact": False,
            "risk_retrafficking": "low",
        },
        actor="ngo",
        agency="ngo",
    )
    ngo = browser("ngo")

    def order(query: str) -> list[str]:
        page = ngo.get(f"/cases{query}").text
        return [
            n
            for n in re.findall(r"NRM-\d{4}-\d+", page)
            if n in (first.case.number, second.case.number)
        ]

    newest = order("")
    assert newest.index(second.case.number) < newest.index(first.case.number)
    oldest = order("?sort=oldest")
    assert oldest.index(first.case.number) < oldest.index(second.case.number)
    due = (
        web_engine.case_tasks(first.case.id)[0].due_at,
        web_engine.case_tasks(second.case.id)[0].due_at,
    )
    assert due[0] is not None and due[1] is not None
    by_due = order("?sort=due")
    sooner = first if due[0] <= due[1] else second
    later = second if sooner is first else first
    assert by_due.index(sooner.case.number) < by_due.index(later.case.number)
    assert 'option value="due" selected' in ngo.get("/cases?sort=due").text
