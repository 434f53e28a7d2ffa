"""Deadlines say whose they are (issue 18, review 4): the case's next deadline reads "Case
due: …", a task's "Task due: …" with its date, on the inbox, the task and the case page; an
overdue one says so in words, not by its colour alone."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case


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
    assert any(d.startswith("Срок по случаю: просрочено на ") for d in late), late
