"""Pages review 3, P3-14: a yes/no question another answer makes required ("Was the person
told?" once a decision is chosen) offered «Не указано», chosen by default, and the page then
refused it as unanswered. Such a question has no "not stated"; a plainly optional one keeps it."""

from __future__ import annotations

import re

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until


def radios(page: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" value="([^"]*)"', page)


def test_a_question_required_by_another_answer_has_no_not_stated(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    task = drive_until(web_engine, clock, case_id, "identification_decision.schema.json")
    page = browser(str(task.agency)).get(f"/tasks/{task.id}").text
    assert radios(page, "status_decision_person_told") == ["true", "false"]
    assert " checked" not in page.split('name="status_decision_person_told"', 1)[1][:80]
    # "the guardian was told too" is not asked of an adult's case (pages review 3, P3-15),
    # nor its follow-ups
    assert 'name="status_decision_guardian_told"' not in page
    assert 'name="status_decision_guardian_tell_plan"' not in page
    assert 'name="status_decision_tell_plan"' in page  # her own follow-up stays
