"""The scenarios pages in the page language (review F-N): the features named by their
processes, the count column called what it counts, the last deployment's results per feature
when this server has run none; on a feature's page the steps said in the catalogue's words —
keywords, agencies, tasks, outcomes, fields — and what stays as written (scenario names, the
Gherkin source) marked as such, in ru, ky and en."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI

from engine.facade import Engine
from engine.scenario_gate import GateReport
from tests.engine.test_scenario_gate import RecordingGate
from tests.forms.conftest import OpenBrowser
from tests.forms.test_scenarios_page import reports_in
from tests.library import form_with_optional_field

LANGS = ["ru", "ky", "en"]
LIST = {
    "ru": ("Закрытие случая", "Сценариев", "при развёртывании 1: все успешно"),
    "ky": ("Ишти жабуу", "Сценарийлер", "1-жайгаштырууда: баары ийгиликтүү"),
    "en": ("Closure and follow-up of the case", "Scenarios", "at deployment 1: all passed"),
}
STEPS = {
    "ru": (
        "Дано",
        "Тогда",
        "случай «Закрытие случая и последующие контакты», о котором сообщает: Социальные службы",
        "случай закрыт с итогом «",
        "Текст сценария, как написан (Gherkin, на английском)",
    ),
    "ky": (
        "Берилди",
        "Анда",
        "«Ишти жабуу жана кийинки байланыштар» иши, ал тууралуу билдирет: Социалдык кызматтар",
        "жыйынтыгы менен жабылды",
        "Сценарийдин тексти, жазылгандай (Gherkin, англисче)",
    ),
    "en": (
        "Given",
        "Then",
        "a «Closure and follow-up of the case» case reported by Social services",
        "the case is closed with outcome «",
        "The scenario as written (Gherkin)",
    ),
}


def deployed_with_features(engine: Engine) -> None:
    """A deployment whose gate ran the referral and case-closure features, all passing."""
    changed = form_with_optional_field()
    engine.queue_deployment([changed], requested_by="policy")
    features = ("referral.feature", "case_closure.feature")
    gate = RecordingGate(GateReport(("referral",), features, (), (), 12.5))
    engine.run_next_deployment("runner", gate=gate)


@pytest.mark.parametrize("lang", LANGS)
def test_the_feature_list_names_processes_and_the_deploy_results(
    browser: OpenBrowser, web_app: FastAPI, web_engine: Engine, tmp_path: Path, lang: str
) -> None:
    reports_in(web_app, tmp_path)  # no run on this server
    deployed_with_features(web_engine)
    reviewer = browser("reviewer")
    reviewer.post("/language", {"lang": lang})
    page = reviewer.get("/scenarios").text
    closure, column, at_deploy = LIST[lang]
    row = re.search(r'<a href="/scenarios/case_closure">([^<]*)</a>.*?</tr>', page, re.S)
    assert row is not None
    assert row.group(1).startswith(closure), row.group(1)
    assert at_deploy in row.group(0)
    assert f'<th scope="col">{column}</th>' in page
    if lang != "en":  # no feature's own English title
        assert "Closure and follow-up of the case" not in page
        assert "Help after referral" not in page and "Repatriation (SOP 4)" not in page


@pytest.mark.parametrize("lang", LANGS)
def test_a_feature_page_says_its_steps_in_the_page_language(
    browser: OpenBrowser, web_app: FastAPI, tmp_path: Path, lang: str
) -> None:
    reports_in(web_app, tmp_path)
    reviewer = browser("reviewer")
    reviewer.post("/language", {"lang": lang})
    page = reviewer.get("/scenarios/case_closure").text
    given, then, reported, closed, gherkin = STEPS[lang]
    assert f"<strong>{given}</strong>" in page and f"<strong>{then}</strong>" in page
    assert reported in page and closed in page
    assert "rehabilitation_completed»" not in page  # the outcome in words, not its key
    assert f"<summary>{gherkin}</summary>" in page
    assert (
        '<pre lang="en">Given a &#34;case_closure&#34; case reported by the social services' in page
    )
    assert '<h3 id="s1-title" lang="en">' in page  # scenario names stay as written
    if lang != "en":
        shown = re.sub(r"<(pre|details)[^>]*>.*?</\1>", "", page, flags=re.S)
        shown = re.sub(r'<[^>]+lang="en"[^>]*>.*?</[^>]+>', "", shown, flags=re.S)
        shown = re.sub(r' title="[^"]*"', "", shown)  # the sentence as written, on hover
        assert "<strong>Given</strong>" not in shown and " completes «" not in shown
        assert "tries to complete" not in shown  # every step of this feature is said


def test_a_task_moved_in_the_case_history_is_said_in_the_page_language() -> None:
    from forms.translate import Translator
    from forms.web.scenarios import step_words

    said = step_words(
        Translator("ru"),
        {},
        {},
        'the case history records "Close the case" moved from the police to the NGO',
    )
    assert said is not None and "police" not in said and "NGO" not in said
    assert said.startswith("В истории случая")
