"""The scenarios pages: the feature files (not every scenario at once), one feature with its
steps' fields as the forms' labels and each run's path on its diagram, and the scenarios'
results at the last deployment."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from engine.coverage import ScenarioRecord, to_json
from engine.facade import Engine
from engine.scenario_gate import GateReport, ScenarioResult
from tests.engine.test_scenario_gate import RecordingGate
from tests.forms.conftest import OpenBrowser
from tests.library import form_with_optional_field

ACCEPTS = "the chosen shelter accepts the referral and gives first assistance"


def reports_in(web_app: FastAPI, folder: Path) -> None:
    """The app reads its scenario report from `folder`."""
    object.__setattr__(web_app.state.settings, "reports_dir", folder)


def write_report(folder: Path, *records: ScenarioRecord) -> None:
    (folder / "scenarios.json").write_text(to_json([], list(records)), "utf-8")


def test_scenarios_page_lists_the_feature_files_not_every_scenario(
    browser: OpenBrowser, web_app: FastAPI, tmp_path: Path
) -> None:
    reports_in(web_app, tmp_path)
    write_report(tmp_path, ScenarioRecord("referral.feature", ACCEPTS, "passed", "2026-01-05"))
    page = browser("reviewer").get("/scenarios").text
    assert '<a href="/scenarios/referral">СОП 2 — Перенаправление</a>' in page  # the process
    assert '<a href="/scenarios/nrm_case">' in page
    assert "<strong>When</strong>" not in page and ACCEPTS not in page
    assert "успешно: 1" in page
    assert len(page) < 60_000  # every scenario of every feature made it 106,000 px tall


def test_feature_page_shows_its_scenarios_with_field_labels_and_results(
    browser: OpenBrowser, web_app: FastAPI, tmp_path: Path
) -> None:
    reports_in(web_app, tmp_path)
    failed = ScenarioRecord("referral.feature", ACCEPTS, "failed", "2026-01-05T10:00", error="no")
    write_report(tmp_path, failed)
    reviewer = browser("reviewer")
    page = reviewer.get("/scenarios/referral").text
    assert f'<h3 id="s1-title" lang="en">{ACCEPTS}</h3>' in page  # as written
    assert "<strong>Когда</strong> " in page and "Милиция: выполнение «" in page
    # the forms' labels and the values in words, the cells as written on hover
    assert '<div title="presumed_child = false"><dt>' in page
    assert "<dt>Псевдоним</dt><dd>Bermet</dd>" in page
    assert "| presumed_child |" not in page and "<td>referral_urgency</td>" not in page
    # a field inside a step's sentence: its label and the value in words, as written on hover
    assert (
        '<span title="the case data has referral_outcome = &#34;accepted&#34;">в данных случая '
        "«Итог направления» = «Направление принято»</span>"
    ) in page
    failed_at = '<span class="failed">с ошибкой</span> — 5 янв. 2026 г., 16:00'  # Bishkek time
    assert failed_at in page.replace("\u202f", " ")
    assert f'src="/scenarios/referral/path.svg?run={ACCEPTS.replace(" ", "%20")}"' in page
    assert "nrm_case" not in page.split("<h1>")[1].split("</h1>")[0]
    assert reviewer.get("/scenarios/nowhere").status_code == 404
    assert reviewer.get("/scenarios/Bad-Name").status_code == 400
    assert browser("ngo").get("/scenarios/referral").status_code == 403


def test_a_scenario_path_is_marked_on_its_diagram_in_the_page_language(
    browser: OpenBrowser, web_app: FastAPI, tmp_path: Path
) -> None:
    reports_in(web_app, tmp_path)
    taken = [("referral", "start_referral"), ("referral", "task_compile")]
    record = ScenarioRecord(
        "referral.feature", ACCEPTS, "passed", "2026-01-05", [("referral", "f1")], taken
    )
    write_report(tmp_path, record)
    response = browser("reviewer").get(f"/scenarios/referral/path.svg?run={ACCEPTS}")
    assert response.status_code == 200 and response.headers["content-type"] == "image/svg+xml"
    svg = response.text
    assert 'class="bpmn-startEvent state-completed" data-element-id="start_referral"' in svg
    assert 'class="bpmn-userTask state-completed" data-element-id="task_compile"' in svg
    assert (
        'data-element-id="task_accept"' in svg
        and 'state-completed" data-element-id="task_accept' not in svg
    )
    assert "Нужно перенаправление" in svg and ">Referral needed<" not in svg
    assert "bpmn-legend" not in svg  # one state: the page says what it shows


def test_scenarios_pages_show_the_results_of_the_last_deployment(
    browser: OpenBrowser, web_engine: Engine, web_app: FastAPI, tmp_path: Path
) -> None:
    reports_in(web_app, tmp_path)
    reviewer = browser("reviewer")
    assert "Последний прогон при развёртывании" not in reviewer.get("/scenarios").text
    web_engine.queue_deployment([form_with_optional_field()], requested_by="policy")
    failing = ScenarioResult(
        "referral.feature", ACCEPTS, "failed", 'Then the NGO has a task "X"', "no such task"
    )
    gate = RecordingGate(GateReport(("referral",), ("referral.feature",), (), (failing,), 2.0))
    web_engine.run_next_deployment("runner", gate=gate)
    for path in ("/scenarios", "/scenarios/referral"):
        page = reviewer.get(path).text
        assert "Последний прогон при развёртывании" in page
        section = page[page.index('id="deploy-run-title"') :]
        assert ACCEPTS in section and "Then the NGO has a task &#34;X&#34;" in section
        assert "no such task" in section
    assert "Последний прогон при развёртывании" not in reviewer.get("/scenarios/nrm_case").text
