"""Deadlines say whose they are (issue 18, review 4): the case's next deadline reads "Case
due: …", a task's "Task due: …" with its date, on the inbox, the task and the case page; an
overdue one says so in words, not by its colour alone."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta
from pathlib import Path

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case

RU = Path(__file__).parents[2] / "forms" / "i18n" / "ru.json"


def _deadlines(page: str) -> list[str]:
    """The text of every deadline on a page."""
    found = re.findall(r'<span class="deadline[^"]*">(.*?)</span>', page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", d)).replace("\u202f", " ") for d in found]


def test_every_deadline_is_labelled_case_or_task_and_overdue_in_words(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    step = report_case(web_engine)
    task = step.opened[0]
    ngo = browser("ngo")
    ngo.post("/language", {"lang": "en", "next": "/inbox"})
    pages = {
        "inbox": ngo.get("/inbox").text,
        "task": ngo.get(f"/tasks/{task.id}").text,
        "case": ngo.get(f"/cases/{step.case.id}").text,
    }
    for name, page in pages.items():
        said = _deadlines(page)
        assert said, name
        assert all(d.startswith(("Case due: ", "Task due: ")) for d in said), (name, said)
    assert any(d.startswith("Task due: in ") and "2026" in d for d in _deadlines(pages["case"]))
    assert any(d.startswith("Case due: in ") for d in _deadlines(pages["case"]))
    clock.advance(timedelta(days=5))
    ngo.post("/language", {"lang": "ru", "next": "/inbox"})
    late = _deadlines(ngo.get(f"/tasks/{task.id}").text)
    assert any(d.startswith("Срок задачи: просрочено на ") for d in late), late
    late_case = _deadlines(ngo.get(f"/cases/{step.case.id}").text)
    assert any(d.startswith("Срок по случаю: просрочено на ") for d in late_case), late_case


def test_a_task_page_puts_its_own_deadline_first_and_names_the_step_of_the_cases(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    """Review F-A: one deadline for this task, first; the case's nearest one only when it is
    another step's, after it and saying whose step it is."""
    step = report_case(web_engine, age=12)  # a child: two steps of two agencies side by side
    assert len(step.opened) == 2, [t.name for t in step.opened]
    first, later = sorted(step.opened, key=lambda t: (t.due_at, t.name))
    assert first.due_at is not None and later.due_at is not None and first.due_at < later.due_at
    for task in (first, later):
        user = browser("ngo" if task.agency == "ngo" else "child_protection")
        page = user.get(f"/tasks/{task.id}").text
        said = _deadlines(page)
        assert said[0].startswith("Срок задачи: "), said  # its own deadline, first
        assert not any(d.startswith("Срок по случаю") for d in said), said
        own = page.index('class="task-due"')
        assert own < page.index('class="summary"') and own < page.index('class="meta"')
        other = re.search(r'<p class="help case-due">(.*?)</p>', page, re.S)
        if task is first:
            assert other is None  # the case's nearest deadline is this task's
        else:
            assert other is not None and page.index('case-due"') > own
            text = html.unescape(re.sub(r"<[^>]+>", "", other.group(1)))
            assert text.startswith("Ближайший срок по случаю — у другого шага: «"), text
            agencies = json.loads(RU.read_text(encoding="utf-8"))["ui"]
            assert f"({agencies['agency.' + str(first.agency)]})" in text, text
