"""The case page, the inbox, the report form, the process library (and its deployment jobs)
and the scenarios page."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from api.models import AccessRecord
from engine.facade import Engine
from engine.sources import SourceFile
from engine.spiff.clock import FakeClock
from tests.engine.test_scenario_gate import RecordingGate
from tests.forms.conftest import REPORT, OpenBrowser, report_case, to_screening
from tests.library import (
    GATE_FIXTURES,
    failing_gate_report,
    form_with_optional_field,
    send_to_library,
)

BPMN = Path(__file__).resolve().parents[2] / "bpmn"


SCREENED = {
    "screening_date": "2026-01-05",
    "screening_act": True,
    "screening_means": True,
    "screening_purpose": True,
}


def test_case_page_shows_status_diagram_timeline_and_projected_data(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = to_screening(web_engine)
    ngo = browser("ngo")
    page = ngo.get(f"/cases/{step.case.id}").text
    assert f"Случай {step.case.number}" in page and "Открыт" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="bpmn-diagram"') == 2
    assert 'data-element-id="task_screening"' in page and "state-ready" in page
    assert "<title>Проверка индикаторов\nоткрытая задача</title>" in page  # tooltip in words
    assert "id: task_" not in page and "state: " not in page
    assert "Задача выполнена: Проверить безопасность и риски" in page  # timeline
    assert "<dt>Псевдоним</dt><dd>Aigul</dd>" in page
    assert "Asel Toktogulova" in page  # the NGO serves the person now
    web_engine.complete_task(step.opened[0].id, SCREENED, actor="ngo", agency="ngo")
    later = ngo.get(f"/cases/{step.case.id}").text
    # help starts at reasonable grounds: the NGO records them and still serves her
    assert "Aigul" in later and "Asel Toktogulova" in later


def test_case_page_with_identity_fields_is_access_logged(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = report_case(web_engine, "police")
    page = browser("police").get(f"/cases/{step.case.id}").text
    assert "Asel Toktogulova" in page and "ограниченный доступ" in page
    with Session(web_engine.db) as session:
        [record] = session.exec(select(AccessRecord)).all()
    assert (record.username, record.fields) == ("police", ["full_name"])


def test_inbox_shows_overdue_first_with_deadlines_as_dates_and_in_words(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    first = to_screening(web_engine)
    web_engine.complete_task(first.opened[0].id, SCREENED, actor="ngo", agency="ngo")
    clock.advance(timedelta(hours=2))
    second = to_screening(web_engine)
    web_engine.complete_task(second.opened[0].id, SCREENED, actor="ngo", agency="ngo")
    ngo = browser("ngo")
    page = ngo.get("/inbox").text
    assert page.count("Зафиксировать разумные основания") == 2 and "без срока" not in page
    # each due 24 hours after it opened: the date in Bishkek time, and the time left in words
    dated = '<time datetime="2026-01-06T09:00:00+00:00">6 янв. 2026 г., 15:00</time>'
    assert dated in page.replace("\u202f", " ")
    assert "через 22 часа" in page and "через 24 часа" in page
    assert page.index(first.case.number) < page.index(second.case.number)  # due first
    clock.advance(timedelta(days=9))
    assert "ждёт 9 дней" in ngo.get("/inbox").text


def test_report_page_opens_a_case_and_shows_errors_on_wrong_fields(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    ngo = browser("ngo")
    form = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in REPORT.items()}
    wrong = ngo.post("/report", {**form, "exploitation_country": "Russia", "age": "twenty"})
    assert wrong.status_code == 422
    assert "Выберите один из вариантов" in wrong.text and "Введите целое число" in wrong.text
    assert 'value="twenty"' in wrong.text
    main = wrong.text[wrong.text.index('<main id="main"') :]
    assert main.index('id="error-summary"') < main.index("<h1>")  # the summary goes first
    response = ngo.post("/report", form)
    assert response.status_code == 303 and response.headers["location"].startswith("/cases/")
    page = ngo.get(response.headers["location"]).text
    assert "открыт" in page and "Проверить безопасность и риски — НКО / кризисный центр" in page
    assert "Проверить безопасность и риски" in ngo.get("/inbox").text


def test_library_page_lists_versions_draws_diagrams_and_checks_uploads(
    browser: OpenBrowser,
) -> None:
    policy = browser("policy")
    page = policy.get("/library").text
    assert "Библиотека процессов" in page and "Случай НМП" in page and "версия 1" in page
    assert page.count('class="bpmn-diagram"') == len(list(BPMN.glob("*.bpmn")))
    svg = policy.get("/library/nrm_case/1.svg")
    assert svg.headers["content-type"] == "image/svg+xml" and svg.text.startswith("<svg")
    content = (BPMN / "referral.bpmn").read_bytes()
    checked = send_to_library(policy, "validate", SourceFile("referral.bpmn", content))
    assert checked.status_code == 200 and "Ошибок нет" in checked.text
    broken = send_to_library(policy, "validate", SourceFile("referral.bpmn", b"<nope"))
    assert "В файлах есть ошибки" in broken.text and "referral.bpmn" in broken.text
    assert '<section class="error-summary" role="alert"' in broken.text  # not a green box
    deep_file = SourceFile("deep.schema.json", b"[" * 100_000 + b"]" * 100_000)
    deep = send_to_library(policy, "validate", deep_file, content_type="text/json")
    assert deep.status_code == 200 and deep.headers["content-type"].startswith("text/html")
    assert "В файлах есть ошибки" in deep.text and "deep.schema.json" in deep.text


def test_scenarios_page_renders_feature_files_and_offers_a_run_without_report(
    browser: OpenBrowser, web_app: object, tmp_path: Path
) -> None:
    settings = web_app.state.settings  # type: ignore[attr-defined]
    object.__setattr__(settings, "reports_dir", tmp_path)
    page = browser("reviewer").get("/scenarios").text
    assert '<a href="/scenarios/referral">СОП 2 — Перенаправление</a>' in page  # its process
    feature = browser("reviewer").get("/scenarios/referral").text
    assert "the chosen shelter accepts the referral and gives first assistance" in feature
    assert "<strong>Когда</strong>" in feature and "Милиция: выполнение «" in feature  # review F-N
    assert "Результатов пока нет" in page and 'action="/scenarios/run"' in page
    assert 'action="/scenarios/run"' not in browser("policy").get("/scenarios").text


def test_inbox_marks_an_overdue_task_and_says_by_how_much(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    step = web_engine.start_case(
        "referral",
        {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False},
        agency="police",
        actor="police",
    )
    compiled = {
        "referral_needs": ["shelter"],
        "referral_urgency": "urgent",
        "referral_receiver": "ngo",
        "referral_consent_receivers": ["ngo"],
        "referral_consent_date": "2026-01-05",
        "referral_consent_method": "written",
    }
    web_engine.complete_task(step.opened[0].id, compiled, actor="police", agency="police")
    ngo = browser("ngo")
    assert "через 24 часа" in ngo.get("/inbox").text
    clock.advance(timedelta(hours=26))
    page = ngo.get("/inbox").text
    assert 'class="task overdue"' in page and "просрочено на 2 часа" in page


def test_an_overdue_task_shows_in_the_supervisors_escalated_list_then_the_commissions(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    step = web_engine.start_case(
        "referral",
        {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False},
        agency="police",
        actor="police",
    )  # the police compile the referral within 24 hours
    number = step.case.number
    supervisor = browser("police_supervisor")
    assert "Переданные мне" in supervisor.get("/inbox").text
    assert "Переданные мне" not in browser("police").get("/inbox").text
    assert "Вам не передано ни одной" in supervisor.get("/inbox?escalated=true").text
    clock.advance(timedelta(hours=24))
    web_engine.fire_due_escalations()
    page = supervisor.get("/inbox?escalated=true").text
    assert number in page and "передано руководителям: Милиция" in page
    assert "передано руководителям: Милиция" in browser("police").get("/inbox").text
    clock.advance(timedelta(days=4))  # two working days later: the commission
    web_engine.fire_due_escalations()
    commission = browser("commission_supervisor").get("/inbox?escalated=true").text
    assert number in commission and "Исполнитель: Милиция" in commission
    assert "передано руководителям: Комиссия по социальной реабилитации" in commission
    listed = commission.split("<ol")[1]  # another agency's task: to read, not its case
    assert "/tasks/" in listed and "/cases/" not in listed
    refused = browser("police").get("/inbox?escalated=true")
    assert refused.status_code == 403 and "<html" in refused.text


def test_library_deploy_shows_the_job_refreshing_until_it_fails_naming_the_scenario(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    policy = browser("policy")
    changed = form_with_optional_field()
    response = send_to_library(policy, "deploy", changed, note="a note")
    assert response.status_code == 303
    location = response.headers["location"]
    [job] = web_engine.deployment_jobs()
    assert location == f"/library/deployments/{job.id}"
    waiting = policy.get(location).text
    assert '<meta http-equiv="refresh" content="3">' in waiting
    assert "В очереди" in waiting and changed.name in waiting and "a note" in waiting
    assert f'href="/library/deployments/{job.id}"' in policy.get("/library").text
    gate = RecordingGate(failing_gate_report())
    web_engine.run_next_deployment("runner", gate=gate)
    failed = policy.get(location).text
    assert 'http-equiv="refresh"' not in failed
    assert "Не выполнено: ничего не развёрнуто" in failed
    assert "1 сценарий не проходит на новой версии; ничего не развёрнуто." in failed
    for text in ("referral.feature", "the chosen shelter accepts the referral"):
        assert text in failed
    assert "Then the NGO has a task &#34;Accept or decline referral&#34;" in failed
    assert "no such task; open: Decide on the referral" in failed
    policy.post("/language", {"lang": "en", "next": location})
    english = policy.get(location).text
    assert "Failed: nothing deployed" in english and "1 scenario fails on the new" in english
    policy.post("/language", {"lang": "ky", "next": location})
    assert "Аткарылган жок" in policy.get(location).text


def test_library_deploy_of_an_invalid_file_is_refused_on_the_page_and_queues_nothing(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    policy = browser("policy")
    response = send_to_library(policy, "deploy", SourceFile("referral.bpmn", b"<nope"))
    assert response.status_code == 422 and "Загрузка отклонена" in response.text
    assert web_engine.deployment_jobs() == []


@pytest.mark.gate
def test_a_reviewers_scenario_run_runs_the_installed_suite_on_the_deployed_library(
    browser: OpenBrowser, web_app: object, tmp_path: Path
) -> None:
    settings = web_app.state.settings  # type: ignore[attr-defined]
    features = tmp_path / "features"
    features.mkdir()
    for name in ("referral.feature", "nrm_case.feature"):
        (features / name).write_bytes((GATE_FIXTURES / name).read_bytes())
    object.__setattr__(settings, "features_dir", features)
    object.__setattr__(settings, "reports_dir", tmp_path / "reports")
    reviewer = browser("reviewer")
    assert "Результатов пока нет" in reviewer.get("/scenarios").text
    started = reviewer.post("/scenarios/run", {})
    assert started.status_code == 303
    runner = web_app.state.scenario_runner  # type: ignore[attr-defined]
    runner.wait(120)
    assert runner.state.problem is None and runner.state.failed == 0
    report = json.loads((tmp_path / "reports" / "scenarios.json").read_text())
    assert len(report["scenarios"]) == 2
    page = reviewer.get("/scenarios").text
    assert "Результатов пока нет" not in page and "Последний прогон здесь" in page
