"""Pages review 3, P3-20: the error summary lists each refused question (cut short, a link to
it) with its problem in brief — "Answer this question." — not again the parent question that
made it required; the field itself keeps the whole message naming that question."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until
from tests.forms.schemas import text_of

RG = "identification_reasonable_grounds.schema.json"
# told: no, offences: yes — four follow-ups required because of those two answers, none given
SENT = {
    "action": "submit",
    "reasonable_grounds_date": "2026-01-05",
    "reasonable_grounds_informed": "false",
    "non_punishment_applies": "true",
}


def rg_task(engine: Engine, clock: FakeClock) -> str:
    return drive_until(engine, clock, report_case(engine).case.id, RG).id


def test_the_summary_names_each_question_once_and_the_field_says_why(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    task_id = rg_task(web_engine, clock)
    ngo = browser("ngo")
    for lang, brief in (("en", "Answer this question."), ("ru", "Ответьте на этот вопрос.")):
        ngo.post("/language", {"lang": lang, "next": "/inbox"})
        page = html.unescape(ngo.post(f"/tasks/{task_id}", SENT).text)
        summary = page.split('id="error-summary"')[1].split("</div>")[0]
        items = [text_of(i) for i in re.findall(r"<li>(.*?)</li>", summary, re.S)]
        assert len(items) >= 4, items
        assert all("«" not in item for item in items), items  # no parent question repeated
        assert sum(brief in item for item in items) >= 4, items
        # under the field, the whole message still says which answer made it required
        field = text_of(page.split('id="err-reasonable_grounds_tell_plan"')[1][:400])
        assert "«" in field, field
