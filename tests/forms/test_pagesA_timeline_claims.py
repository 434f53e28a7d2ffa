"""A task's answers appear once in the timeline, under "Task completed" — not also under
"Task claimed", before they existed (second page review P-5)."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from tests.forms.conftest import SAFETY, OpenBrowser, report_case

CLAIMED = {"ru": "Задача взята в работу", "en": "Task claimed"}
DONE = {"ru": "Задача выполнена", "en": "Task completed"}


def _entries(page: str) -> list[str]:
    timeline = page.split('id="timeline-title"')[1].split("</section>")[0]
    items = re.findall(r"<li>\s*<time>.*?</li>\s*(?=<li>\s*<time>|</ol>)", timeline, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", i)).split()) for i in items]


def test_a_claim_entry_is_one_line_and_the_answers_follow_the_completion(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    step = report_case(web_engine)
    safety = step.opened[0]
    ngo = browser("ngo")
    ngo.post(f"/tasks/{safety.id}/claim", {})
    web_engine.complete_task(safety.id, SAFETY, actor="ngo", agency="ngo")
    for lang in ("ru", "en"):
        ngo.post("/language", {"lang": lang, "next": "/inbox"})
        entries = _entries(ngo.get(f"/cases/{step.case.id}").text)
        claimed = [e for e in entries if CLAIMED[lang] in e]
        done = [e for e in entries if DONE[lang] in e]
        assert len(claimed) == 1 and len(done) == 1, entries
        answer = {"ru": "Риск повторно стать жертвой", "en": "Risk of being trafficked again"}
        assert answer[lang] not in claimed[0], claimed[0]
        assert answer[lang] in done[0], done[0]
