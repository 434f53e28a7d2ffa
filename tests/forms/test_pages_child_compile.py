"""Page review P-4 for a child: "Compile the referral" does not ask a receiver — the page shows
it fixed ("Receiver: Child protection") among what the case holds —, the legal
representative starts from the guardian child protection recorded, and the child's views are
required (marked so, not "required if presumed a child: yes", which nobody filling it answers)."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until
from tests.forms.schemas import context_of

COMPILE = "referral_compile.schema.json"
GUARDIAN = "Gulnara Asanova"
CHILD = {"identification_child_notification.schema.json": {"child_guardian_name": GUARDIAN}}
RECEIVER = {
    "ru": ("Получатель", "Орган защиты детей"),
    "ky": ("Кабыл алуучу", "Балдарды коргоо органы"),
    "en": ("Receiver", "Child protection"),
}


def representative(page: str) -> str:
    field = r'<input type="text" value="([^"]*)"[^>]*name="referral_legal_representative"'
    found = re.search(field, page)
    assert found, "no legal representative field"
    return html.unescape(found.group(1))


def views_label(page: str) -> str:
    field = page[page.index('id="field-referral_child_views"') :]
    return field[: field.index("</label>")]


def test_a_childs_receiver_is_shown_fixed_and_the_guardian_pre_filled(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine, age=15).case.id
    task = drive_until(web_engine, clock, case_id, COMPILE, overrides=CHILD)
    assert web_engine.get_case(case_id).data["child_guardian_name"] == GUARDIAN
    user = browser(str(task.agency))
    for lang, (label, receiver) in RECEIVER.items():
        user.post("/language", {"lang": lang, "next": "/inbox"})
        page = user.get(f"/tasks/{task.id}").text
        assert 'name="referral_receiver"' not in page  # not asked of a child
        assert f"{label} {receiver}" in context_of(page)
        assert representative(page) == GUARDIAN
        label = views_label(page)
        assert '<span class="req" aria-hidden="true">*</span>' in label, label
        assert 'class="cond"' not in label, label


def test_an_adults_receiver_is_asked_and_no_guardian_pre_filled(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    task = drive_until(web_engine, clock, case_id, COMPILE)
    page = browser(str(task.agency)).get(f"/tasks/{task.id}").text
    assert 'name="referral_receiver"' in page
    assert "Орган защиты детей" not in context_of(page)
    assert representative(page) == ""
    assert 'id="field-referral_child_views"' not in page  # a child's only (review 3, P3-15)
    receiver = page[page.index('id="field-referral_receiver"') :]
    receiver = receiver[: receiver.index("</label>")]
    assert '<span class="req" aria-hidden="true">*</span>' in receiver, receiver  # an adult's


def test_a_childs_views_left_out_are_refused_next_to_the_question(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    """The refusal belonged to the readOnly `presumed_child` the rule names (never shown on
    the page), so the page came back refused with no error anywhere."""
    case_id = report_case(web_engine, age=15).case.id
    task = drive_until(web_engine, clock, case_id, COMPILE, overrides=CHILD)
    user = browser(str(task.agency))
    sent = [("referral_needs", "shelter"), ("referral_urgency", "urgent"), ("action", "submit")]
    for lang in ("ru", "ky", "en"):
        user.post("/language", {"lang": lang, "next": "/inbox"})
        refused = user.post(f"/tasks/{task.id}", sent)
        assert refused.status_code == 422
        before, field = refused.text.split('id="field-referral_child_views"', 1)
        field = html.unescape(field[: field.index("</div>")])
        assert before.endswith('<div class="field has-error" '), before[-60:]
        said = {
            "ru": "Ответьте на этот вопрос.",
            "ky": "Бул суроого жооп бериңиз.",
            "en": "Answer this question.",
        }[lang]
        assert '<span class="vh">' in field and said in field, field
        assert 'aria-invalid="true"' in field
