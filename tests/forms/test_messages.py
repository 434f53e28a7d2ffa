"""The "Record an answer" page: an answer the case waits for (a message from outside),
its form from the message's schema, sent like a task form (CSRF, an idempotency key, the
error summary first) through the API's message services; the case page lists what the case
waits for and says what was recorded."""

from __future__ import annotations

import re

from sqlmodel import select

from engine.db import read_session
from engine.facade import Engine
from engine.models import AuditEvent
from engine.views import StepResult
from tests.forms.conftest import OpenBrowser

WITHDRAWN = {
    "consent_withdrawn_scope": ["proceedings"],
    "consent_withdrawn_on": "2026-01-20",
    "consent_withdrawn_from": ["police", "iom"],
    "consent_still_agrees_to_help": "true",
}


def proceedings_case(engine: Engine) -> StepResult:
    """Criminal proceedings reported by the NGO that serves the person: the prosecutor
    registers the crime, and the case waits for a withdrawal of consent (sent by the NGO)."""
    return engine.start_case(
        "proceedings",
        {
            "pseudonym": "Asel-12",
            "presumed_child": False,
            "consent_police_report": True,
            "referral_receiver": "ngo",
        },
        agency="ngo",
        actor="ngo",
    )


def answer_path(step: StepResult) -> str:
    return f"/cases/{step.case.id}/messages/consent_withdrawn"


def awaits(engine: Engine, step: StepResult) -> bool:
    return "consent_withdrawn" in [m.name for m in engine.awaited_messages(step.case.id)]


def delivered(engine: Engine, step: StepResult) -> int:
    with read_session(engine.db) as session:
        events = session.exec(
            select(AuditEvent).where(
                AuditEvent.case_id == step.case.id, AuditEvent.action == "message.delivered"
            )
        ).all()
    return len(events)


def field_html(page: str, name: str) -> str:
    start = page.rfind('<div class="field', 0, page.index(f'id="field-{name}"'))
    end = page.find('<div class="field', start + 1)
    return page[start : end if end > 0 else None]


def test_the_case_page_offers_the_persons_word_as_buttons_to_the_agencies_recording_it(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    """Pages review 3, P3-10: withdrawal of consent is the person's own word, in a block of its
    own near the top, not among the answers other agencies send; to an agency that does not
    record it, a note of who does, never a line that reads as a fact."""
    step = proceedings_case(web_engine)
    page = browser("ngo").get(f"/cases/{step.case.id}").text
    block = page.split('id="person-title"')[1].split("</section>")[0]
    assert '<h2 id="person-title">Что сообщил человек</h2>' in page
    assert f'<a class="button" href="{answer_path(step)}">Человек отозвал согласие</a>' in block
    assert page.index('id="person-title"') < page.index('id="open-title"')
    others = page.split('id="awaited-title"')[1].split("</section>")[0]
    assert "согласие" not in others  # not among what other agencies report
    prosecutor = browser("prosecutor").get(f"/cases/{step.case.id}").text
    theirs = prosecutor.split('id="person-title"')[1].split("</section>")[0]
    assert answer_path(step) not in prosecutor  # not a sender: no form
    assert "<li>" not in theirs  # no bullet that reads "the person withdrew consent"
    assert "Это записывает другое ведомство: «Человек отозвал согласие» (вносит: " in theirs


def test_the_answer_form_is_rendered_from_the_message_schema(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = proceedings_case(web_engine)
    page = browser("ngo").get(answer_path(step)).text
    assert "<h1>Человек отозвал согласие</h1>" in page
    assert "<title>Человек отозвал согласие" in page
    assert '<button type="submit" class="primary">Записать отзыв согласия</button>' in page
    assert "Вносит: Орган защиты детей, НКО / кризисный центр, Социальные службы" in page
    assert "Передача данных указанным здесь ведомствам сразу прекращается" in page  # description
    assert '<input type="date"' in field_html(page, "consent_withdrawn_on")
    assert 'type="checkbox" name="consent_withdrawn_from" value="police"' in page
    assert 'type="radio" name="consent_still_agrees_to_help" value="true"' in page
    assert 'class="req"' in field_html(page, "consent_withdrawn_on")
    assert 'name="csrf_token"' in page and 'name="submission"' in page and "novalidate" in page
    assert 'name="form" value="consent_withdrawn.schema.json"' in page
    assert f'action="{answer_path(step)}"' in page


def test_a_refused_answer_shows_the_error_summary_first_keeps_the_values_and_records_nothing(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = proceedings_case(web_engine)
    wrong = {**WITHDRAWN, "consent_withdrawn_on": ""}
    response = browser("ngo").post(answer_path(step), wrong)
    assert response.status_code == 422
    page = response.text
    main = page[page.index('<main id="main"') :]
    assert main.index('id="error-summary"') < main.index("<h1>")
    assert re.search(r'<div class="error-summary"[^>]* autofocus', main)
    assert "<title>Ошибка: Человек отозвал согласие" in page
    assert re.findall(r'<li><a href="#(f-[a-z_]+)">', main) == ["f-consent_withdrawn_on"]
    assert 'aria-invalid="true"' in field_html(page, "consent_withdrawn_on")
    kept = field_html(page, "consent_withdrawn_from")
    assert re.search(r'value="police"[^>]* checked', kept)
    assert awaits(web_engine, step) and delivered(web_engine, step) == 0


def test_a_recorded_answer_returns_to_the_case_saying_what_was_recorded_and_what_opened(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = proceedings_case(web_engine)
    ngo = browser("ngo")
    response = ngo.post(
        answer_path(step),
        {**WITHDRAWN, "submission": "answer-1", "form": "consent_withdrawn.schema.json"},
    )
    assert (response.status_code, response.headers["location"]) == (
        303,
        f"/cases/{step.case.id}",
    )
    page = ngo.get(f"/cases/{step.case.id}").text
    assert f"«Человек отозвал согласие» внесено в дело {step.case.number}." in page
    # what was recorded, in words as the timeline says it (second page review P-7)
    notice = page.split('<div class="notice" role="status">')[1].split("</div>")[0]
    said = " ".join(re.sub(r"<[^>]+>", " ", notice).split())
    assert "Внесено: Отзыв касается: Участие в уголовном производстве Дата отзыва" in said
    assert "Больше не передавать данные этим ведомствам: Милиция, МОМ" in said
    assert "Согласовать безопасность человека после отзыва согласия — НКО" in page  # next
    assert "Ответ внесён" in page  # the timeline
    # The proceedings' own withdrawal is used up; a withdrawal of help may still come (the
    # proceedings catch it themselves so that it never ends them), so the page still offers it.
    assert awaits(web_engine, step)
    assert answer_path(step) in page
    # The same submission again (a double click, a reload): recorded once.
    again = ngo.post(
        answer_path(step),
        {**WITHDRAWN, "submission": "answer-1", "form": "consent_withdrawn.schema.json"},
    )
    assert again.status_code == 303
    assert delivered(web_engine, step) == 1


def test_an_answer_the_case_no_longer_waits_for_is_a_calm_conflict(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = proceedings_case(web_engine)
    ngo = browser("ngo")
    ngo.post(answer_path(step), {**WITHDRAWN, "submission": "first"})
    response = ngo.post(
        answer_path(step),
        {**WITHDRAWN, "submission": "second", "form": "consent_withdrawn.schema.json"},
    )
    assert response.status_code == 409  # no catcher waits for the proceedings' scope any more
    assert "Дело не ждёт (больше) этого ответа" in response.text
    assert ngo.get(answer_path(step)).status_code == 200  # a withdrawal of help may still come
    assert ngo.get(f"/cases/{step.case.id}/messages/no_such_answer").status_code == 409
    assert delivered(web_engine, step) == 1


def test_only_a_sender_may_open_or_send_the_answer_and_only_with_the_form_token(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = proceedings_case(web_engine)
    prosecutor = browser("prosecutor")
    shown = prosecutor.get(answer_path(step))
    assert shown.status_code == 403
    assert "Ваше ведомство не входит в число тех, кто может внести этот ответ" in shown.text
    assert prosecutor.post(answer_path(step), WITHDRAWN).status_code == 403
    assert browser("ngo").post(answer_path(step), WITHDRAWN, csrf=False).status_code == 403
    assert browser("ngo").get(f"/cases/{'0' * 32}/messages/consent_withdrawn").status_code == 404
    assert awaits(web_engine, step) and delivered(web_engine, step) == 0
