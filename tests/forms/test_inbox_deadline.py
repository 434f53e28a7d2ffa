"""The inbox card shows the task's own deadline, first and alone (page review F-A): the case's
nearest deadline is often another agency's step and read above the task's own."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser, report_case


def _cards(page: str) -> list[str]:
    return re.findall(r'<li class="task[^"]*">(.*?)</li>', page, re.S)


def _deadlines(card: str) -> list[str]:
    found = re.findall(r'<span class="deadline[^"]*">(.*?)</span>', card, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", d)).strip() for d in found]


def test_an_inbox_card_shows_only_its_tasks_deadline_before_the_case_line(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = report_case(web_engine, age=12)  # a child: two agencies' steps, two deadlines
    first, later = sorted(step.opened, key=lambda t: (t.due_at, t.name))
    assert first.due_at is not None and later.due_at is not None and first.due_at < later.due_at
    holder = "ngo" if later.agency == "ngo" else "child_protection"
    for lang, label in (
        ("ru", "Срок задачи: "),
        ("ky", "Тапшырманын мөөнөтү: "),
        ("en", "Task due: "),
    ):
        user = browser(holder)
        user.post("/language", {"lang": lang, "next": "/inbox"})
        cards = _cards(user.get("/inbox").text)
        assert len(cards) == 1, cards
        card = cards[0]
        said = _deadlines(card)
        assert len(said) == 1 and said[0].startswith(label), said  # its own, not the case's
        assert str(later.due_at.year) in said[0]
        assert card.index('class="task-due"') < card.index('class="summary"')
