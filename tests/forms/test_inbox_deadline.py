"""The inbox card shows the task's own deadline, first and alone (page review F-A): the case's
nearest deadline is often another agency's step and read above the task's own."""

from __future__ import annotations

import html
import re

from engine.db import read_session
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from forms.translate import Translator
from forms.web import summary
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until


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


def test_an_inbox_card_names_its_tasks_own_sop_not_every_sop_of_the_case(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    """Second page review P-11: the referral's and the status decision's cards of one case
    both read both SOPs, in an order that changed; each now names its task's own SOP."""
    case_id = report_case(web_engine).case.id
    drive_until(web_engine, clock, case_id, "identification_decision.schema.json")
    tasks = web_engine.case_tasks(case_id)
    # the referral, the status decision (and, since the proceedings open at reasonable
    # grounds, the proceedings): several SOPs at once
    assert len({t.process_id for t in tasks}) >= 2, [t.process_id for t in tasks]
    for task in tasks:
        user = browser(str(task.agency))
        for lang in ("ru", "ky", "en"):
            with read_session(web_engine.db) as session:
                names = dict(summary.sop_choices(web_engine, session, Translator(lang)))
            user.post("/language", {"lang": lang, "next": "/inbox"})
            [card] = [c for c in _cards(user.get("/inbox").text) if task.id in c]
            found = re.search(r'<p class="summary">(.*?)</p>', card, re.S)
            assert found is not None, card
            line = html.unescape(found.group(1))
            own = names[task.process_id]
            others = {names[t.process_id] for t in tasks if t.process_id != task.process_id}
            assert f"<span>{own}</span>" in line, line
            assert not [o for o in others if o in line], line
