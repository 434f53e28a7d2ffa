"""Page review P-4 (the part the form can carry): "Compile the referral" for a presumed
child does not require a receiver (a child's referral always goes to the child-protection
body, the diagram records it) and says so; it requires the child's views (the referral goes
to child protection with them, no separate task holds it back). For an adult the receiver
stays required, the refusal naming it."""

from __future__ import annotations

import pytest

from engine.errors import InvalidDataError
from engine.facade import Engine
from tests.forms.conftest import OpenBrowser

COMPILE = "Compile the referral"
ANSWERS = {
    "referral_needs": ["shelter"],
    "referral_urgency": "urgent",
    "referral_consent_receivers": [],
}


def compile_task(engine: Engine, child: bool) -> tuple[str, str]:
    step = engine.start_case(
        "referral",
        {"pseudonym": "Aibek" if child else "Kalys", "presumed_child": child, "is_foreign": False},
        agency="police",
        actor="police",
    )
    (task,) = [t for t in engine.case_tasks(step.case.id) if t.name == COMPILE]
    return step.case.id, task.id


def test_a_childs_referral_needs_no_receiver_and_goes_to_child_protection(
    web_engine: Engine,
) -> None:
    case_id, task_id = compile_task(web_engine, child=True)
    # the child's views are asked here, of a child only
    with pytest.raises(InvalidDataError) as refused:
        web_engine.complete_task(task_id, ANSWERS, actor="police", agency="police")
    assert [e.field for e in refused.value.errors] == ["referral_child_views"]
    views = {**ANSWERS, "referral_child_views": "Wants to stay with her aunt"}
    web_engine.complete_task(task_id, views, actor="police", agency="police")
    data = web_engine.get_case(case_id).data
    assert data["referral_receiver"] == "child_protection"
    assert [(t.agency, t.name) for t in web_engine.case_tasks(case_id)] == [
        ("child_protection", "Accept or decline referral")
    ]


def test_an_adults_referral_without_a_receiver_is_refused_naming_the_field(
    web_engine: Engine,
) -> None:
    _case_id, task_id = compile_task(web_engine, child=False)
    with pytest.raises(InvalidDataError) as refused:
        web_engine.complete_task(task_id, ANSWERS, actor="police", agency="police")
    assert [e.field for e in refused.value.errors] == ["referral_receiver"]


@pytest.mark.parametrize(
    ("lang", "receiver", "views"),
    [
        (
            "ru",
            "Для ребёнка не спрашивается: перенаправление ребёнка всегда идёт в орган защиты детей",
            "Обязательно для ребёнка: что ребёнок сказал",
        ),
        (
            "ky",
            "Бала үчүн суралбайт: баланы кайра багыттоо ар дайым балдарды коргоо органына",
            "Бала үчүн милдеттүү: бала кайда баргысы келерин",
        ),
        (
            "en",
            "Not asked for a child: a child&#39;s referral always goes to the child-protection",
            "Required for a child: what the child said",
        ),
    ],
)
def test_the_form_says_a_child_needs_no_receiver_but_her_views(
    browser: OpenBrowser, web_engine: Engine, lang: str, receiver: str, views: str
) -> None:
    _case_id, task_id = compile_task(web_engine, child=True)
    _case_id, adult_task_id = compile_task(web_engine, child=False)
    police = browser("police")
    police.post("/language", {"lang": lang, "next": "/inbox"})
    page = police.get(f"/tasks/{task_id}").text
    # a child's page shows the receiver fixed, not the question (test_pages_child_compile);
    # the adult's question says why a child is not asked it
    assert receiver not in page and receiver in police.get(f"/tasks/{adult_task_id}").text
    assert views in page


def test_a_receiver_answered_for_a_child_is_not_kept_an_adults_is(web_engine: Engine) -> None:
    """The review's case data read "Получатель: НКО / кризисный центр" for a child whose
    referral goes to child protection: the answer is now one the form asks only of adults."""
    from api.services.tasks import unmet_answers

    schema = web_engine.task_form(compile_task(web_engine, child=True)[1])
    answers = {**ANSWERS, "referral_receiver": "ngo"}
    assert unmet_answers(schema, answers, lambda: {"presumed_child": True}) == ["referral_receiver"]
    assert unmet_answers(schema, answers, lambda: {"presumed_child": False}) == []
