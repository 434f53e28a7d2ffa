"""The task page: the form from JSON Schema, errors next to fields with values kept,
completion through the task service, drafts, claims and the lost race."""

from __future__ import annotations

import re

from engine.facade import Engine
from engine.views import StepResult
from tests.forms.conftest import OpenBrowser, report_case, to_screening

SCREENING_OK = {
    "screening_date": "2026-01-05",
    "screening_act": "true",
    "screening_means": "true",
    "screening_purpose": "true",
    "screening_notes": "Passport taken by the employer",
}


def field_html(page: str, name: str) -> str:
    """The HTML of one field's block."""
    start = page.rfind('<div class="field', 0, page.index(f'id="field-{name}"'))
    end = page.find('<div class="field', start + 1)
    return page[start : end if end > 0 else None]


def screening_task(step: StepResult) -> str:
    [task] = step.opened
    assert task.name == "Indicator screening"
    return task.id


def test_show_task_renders_each_widget_with_labels(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    page = browser("ngo").get(f"/tasks/{task_id}").text
    assert "<h1>Проверка индикаторов</h1>" in page
    assert '<input type="date" class="short" value="" id="f-screening_date"' in page
    assert 'type="radio" name="screening_act" value="true"' in page  # yes/no
    assert 'type="checkbox" name="screening_act_forms" value="recruitment"' in page
    assert '<textarea rows="5" id="f-screening_notes"' in page
    assert "<legend>Действие</legend>" in page  # x-section heading
    assert 'class="req"' in field_html(page, "screening_date")  # required mark
    assert "Для идентификации ребёнка не требуется" in page  # help text, translated
    assert "<dt>Псевдоним</dt><dd>Aigul</dd>" in page  # x-context, read-only
    assert "novalidate" in page and 'name="csrf_token"' in page


def test_submit_task_shows_errors_next_to_fields_and_keeps_values(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    ngo = browser("ngo")
    wrong = {**SCREENING_OK, "screening_purpose": "", "screening_act_forms": ["recruitment"]}
    response = ngo.post(f"/tasks/{task_id}", {**wrong, "action": "submit"})
    assert response.status_code == 422
    page = response.text
    purpose = field_html(page, "screening_purpose")
    assert "has-error" in purpose and "Ответьте на этот вопрос." in purpose
    assert 'value="true" id="f-screening_act" checked' in page
    assert 'value="recruitment" id="f-screening_act_forms" checked' in page
    assert "Passport taken by the employer</textarea>" in page
    assert 'value="2026-01-05" id="f-screening_date"' in page
    assert '<a href="#f-screening_purpose">' in page  # error summary links to the field
    assert web_engine.get_task(task_id).status == "ready"


def test_error_summary_comes_first_takes_focus_and_marks_the_radio_group_invalid(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    wrong = {**SCREENING_OK, "screening_purpose": "", "screening_act": ""}
    page = browser("ngo").post(f"/tasks/{task_id}", {**wrong, "action": "submit"}).text
    main = page[page.index('<main id="main"') :]
    summary = main.index('id="error-summary"')
    assert summary < main.index("<h1>") < main.index('id="context-title"')
    assert re.search(r'<div class="error-summary"[^>]* autofocus', main)
    assert "<title>Ошибка: Проверка индикаторов" in page
    links = re.findall(r'<li><a href="#(f-[a-z_]+)">', main)
    assert links == ["f-screening_act", "f-screening_purpose"]
    for link in links:
        assert f'id="{link}"' in page
    purpose = field_html(page, "screening_purpose")
    assert '<fieldset role="radiogroup" aria-required="true" aria-invalid="true"' in purpose
    assert "aria-invalid" not in field_html(page, "screening_means")


def test_submit_task_completes_and_the_next_task_is_named_with_its_agency(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    ngo = browser("ngo")
    response = ngo.post(f"/tasks/{task_id}", {**SCREENING_OK, "action": "submit"})
    assert (response.status_code, response.headers["location"]) == (303, "/inbox")
    assert web_engine.get_task(task_id).completed_by == "ngo"
    inbox = ngo.get("/inbox").text
    assert "«Проверка индикаторов» выполнено" in inbox
    assert "Зафиксировать разумные основания и сообщить лицу — НКО / кризисный центр" in inbox
    assert "Зафиксировать разумные основания" not in browser("police").get("/inbox").text


def test_submit_task_reports_a_wrong_number_on_its_field(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = report_case(web_engine, "police")
    [safety] = step.opened
    police = browser("police")
    response = police.post(f"/tasks/{safety.id}", {"immediate_danger": "maybe", "action": "submit"})
    assert response.status_code == 422
    assert "Выберите один из вариантов." in field_html(response.text, "immediate_danger")


def test_submit_task_shows_conditionally_required_field_error(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = web_engine.start_case(
        "referral",
        {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False},
        agency="police",
        actor="police",
    )
    compile_data = {
        "referral_needs": ["shelter"],
        "referral_urgency": "urgent",
        "referral_receiver": "ngo",
        "referral_consent_receivers": ["ngo"],
    }
    police = browser("police")
    response = police.post(f"/tasks/{step.opened[0].id}", {**compile_data, "action": "submit"})
    assert response.status_code == 422  # consent given: its date and method are required
    # the refusal names the answer that made them required
    because = "Ответьте на этот вопрос: он нужен из-за ответа на вопрос"
    assert because in field_html(response.text, "referral_consent_date")
    assert because in field_html(response.text, "referral_consent_method")
    assert 'value="shelter" id="f-referral_needs" checked' in response.text


def test_save_draft_resumes_for_the_same_user_only_and_is_deleted_on_completion(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    ngo = browser("ngo")
    draft = {"screening_notes": "Half done", "screening_act": "true", "action": "draft"}
    response = ngo.post(f"/tasks/{task_id}", draft)
    assert (response.status_code, response.headers["location"]) == (303, f"/tasks/{task_id}")
    page = ngo.get(f"/tasks/{task_id}").text
    assert "Half done</textarea>" in page and "Черновик сохранён" in page
    assert 'value="true" id="f-screening_act" checked' in page
    assert "есть черновик" in ngo.get("/inbox").text
    assert "Half done" not in browser("ngo_supervisor").get(f"/tasks/{task_id}").text
    ngo.post(f"/tasks/{task_id}", {**SCREENING_OK, "action": "submit"})
    assert "есть черновик" not in ngo.get("/inbox").text
    with web_engine.db.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM form_draft").scalar() == 0


def test_submit_task_after_someone_else_completed_it_explains_calmly(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    late = browser("ngo")
    submission = re.search(r'name="submission" value="([^"]+)"', late.get(f"/tasks/{task_id}").text)
    assert submission is not None
    browser("ngo_supervisor").post(f"/tasks/{task_id}", {**SCREENING_OK, "action": "submit"})
    response = late.post(
        f"/tasks/{task_id}",
        {**SCREENING_OK, "screening_notes": "My notes", "action": "submit",
         "submission": submission.group(1)},
    )  # fmt: skip
    assert response.status_code == 409
    assert "Кто-то уже выполнил эту задачу" in response.text
    assert '<div class="error-summary" role="alert"' in response.text  # not a green notice
    assert 'class="notice"' not in response.text
    typed = response.text[response.text.index('id="typed-title"') :]
    assert "<dd>Да</dd>" in typed and "<dd>true</dd>" not in typed  # choices in words
    assert "<dd>5 янв. 2026\u202fг.</dd>" in typed and "2026-01-05" not in typed  # dates too (F-X)
    assert "ngo_supervisor" in response.text and "My notes" in response.text
    assert "Traceback" not in response.text


def test_claim_and_release_task_from_the_task_page(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    ngo = browser("ngo")
    assert ngo.post(f"/tasks/{task_id}/claim").status_code == 303
    assert web_engine.get_task(task_id).claimed_by == "ngo"
    assert "Вернуть в общий список" in ngo.get(f"/tasks/{task_id}").text
    assert "В работе у ngo" in ngo.get("/inbox?mine=true").text
    other = browser("ngo_supervisor").get("/inbox?mine=true").text
    assert "У вас" not in other and "Вы не взяли ни одной открытой задачи." in other
    assert ngo.post(f"/tasks/{task_id}/release").status_code == 303
    assert web_engine.get_task(task_id).claimed_by is None


def test_show_task_of_a_completed_task_has_no_form(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    ngo = browser("ngo")
    ngo.post(f"/tasks/{task_id}", {**SCREENING_OK, "action": "submit"})
    page = ngo.get(f"/tasks/{task_id}").text
    assert "Выполнено: ngo" in page and 'class="taskform"' not in page


def test_a_supervisor_assigns_a_task_and_confirms_completing_one_someone_else_claimed(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = to_screening(web_engine)
    task_id = screening_task(step)
    supervisor = browser("ngo_supervisor")
    page = supervisor.get(f"/tasks/{task_id}").text
    assert f'action="/tasks/{task_id}/assign"' in page
    assert '<option value="ngo">ngo</option>' in page and "ngo_head" in page
    assert f'action="/tasks/{task_id}/assign"' not in browser("ngo").get(f"/tasks/{task_id}").text
    assigned = supervisor.post(f"/tasks/{task_id}/assign", {"username": "ngo"})
    assert assigned.status_code == 303
    assert web_engine.get_task(task_id).claimed_by == "ngo"
    page = supervisor.get(f"/tasks/{task_id}").text
    assert "Выполнить вместо ngo" in page
    asked = supervisor.post(f"/tasks/{task_id}", {**SCREENING_OK, "action": "submit"})
    assert asked.status_code == 409 and "Эту задачу взял(а) ngo" in asked.text
    assert web_engine.get_task(task_id).status == "ready"
    done = supervisor.post(
        f"/tasks/{task_id}", {**SCREENING_OK, "action": "submit", "confirm_override": "true"}
    )
    assert done.status_code == 303
    assert web_engine.get_task(task_id).completed_by == "ngo_supervisor"
    history = browser("ngo").get(f"/cases/{step.case.id}").text
    assert "передано: ngo" in history and "вместо ngo, взявшего(ей) задачу" in history
