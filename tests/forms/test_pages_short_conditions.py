"""Pages review 3, P3-20: a follow-up's label and error named the whole long question it
depends on («Лицу сообщено, что помощь начинается сейчас, каким бы ни было официальное
решение…» — three times on a phone screen); it is now cut short at a word."""

from __future__ import annotations

import html

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from forms.fielderrors import short
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until


def test_a_long_question_is_cut_at_a_word() -> None:
    assert short("Решение") == "Решение"
    cut = short("Лицу сообщено, что помощь начинается сейчас, каким бы ни было официальное решение")
    assert cut.endswith("…") and len(cut) <= 61 and not cut[:-1].endswith(" ")
    assert "Лицу сообщено, что помощь начинается сейчас".startswith(cut[:-1][:20])


def test_a_follow_ups_label_and_error_name_the_question_short(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    task = drive_until(web_engine, clock, case_id, "identification_reasonable_grounds.schema.json")
    user = browser(str(task.agency))
    page = html.unescape(user.get(f"/tasks/{task.id}").text)
    field = page[page.index('id="field-reasonable_grounds_not_told_reason"') :]
    label = field[: field.index("</label>")]
    assert "…" in label and "что бы оно ни решило" not in label, label
