"""Issue 18, page review F-O: asked whether she agrees to the receiver now named, the person's
refusal is an answer ticked on the page («Ни одного»), not a list left empty — the list is
marked required, refused empty, and «none» cannot be ticked with a receiver."""

from __future__ import annotations

import re

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser

COMPILE = {
    "referral_needs": ["shelter"],
    "referral_urgency": "urgent",
    "referral_receiver": "social",
    "referral_consent_receivers": [],
}
NONE = "Ни одного: человек не согласен ни на одного получателя"


def _ask_consent_task(web_engine: Engine) -> str:
    step = web_engine.start_case(
        "referral",
        {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False},
        agency="police",
        actor="police",
    )
    done = web_engine.complete_task(step.opened[0].id, COMPILE, actor="police", agency="police")
    (task,) = [t for t in done.opened if t.name == "Ask consent for the named receiver"]
    return task.id


def _group(page: str) -> str:
    field = r'<div class="field[^"]*" id="field-referral_consent_receivers".*?</fieldset>'
    match = re.search(field, page, re.S)
    assert match is not None
    return match.group(0)


def test_the_refusal_is_a_choice_and_the_list_is_marked_required(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task = _ask_consent_task(web_engine)
    group = _group(browser("police").get(f"/tasks/{task}").text)
    assert NONE in group
    assert 'class="req"' in group
    assert "Если ничего не отметить" not in group  # an empty list is not an answer here


def test_nothing_ticked_is_refused_and_none_is_taken_as_the_refusal(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task = _ask_consent_task(web_engine)
    police = browser("police")
    answers = {"referral_consent_date": "2026-01-05", "referral_consent_method": "written"}
    empty = police.post(f"/tasks/{task}", {**answers, "action": "submit"})
    assert empty.status_code == 422
    assert "Выберите хотя бы 1 вариант." in _group(empty.text)
    both = police.post(
        f"/tasks/{task}",
        {**answers, "referral_consent_receivers": ["none", "social"], "action": "submit"},
    )
    assert both.status_code == 422 and "«Ни одного" in both.text
    sent = police.post(
        f"/tasks/{task}",
        {**answers, "referral_consent_receivers": ["none"], "action": "submit"},
    )
    assert sent.status_code == 303
    assert web_engine.get_task(task).status == "completed"
