"""Faults 3 and 5 of issue 18 on the pages: answers that contradict each other are refused,
naming both fields in the page's language; countries and languages are picked from lists
in that language, stored as codes and shown as names."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from engine.facade import Engine
from forms.formview import conditions
from tests.forms.conftest import CONSENT, REPORT, SAFETY, OpenBrowser, report_case

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms" / "schemas"

FORM = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in REPORT.items()}


def summary(page: str) -> str:
    """The error summary's text, tags removed."""
    start = page.index('id="error-summary"')
    block = page[start : page.index("</div>", start)]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block)).replace(" : ", ": ")


def test_report_refuses_a_detection_date_in_the_future(browser: OpenBrowser) -> None:
    page = browser("ngo").post("/report", {**FORM, "detection_date": "2030-01-05"})
    assert page.status_code == 422
    assert "Дата выявления: Дата не может быть в будущем." in summary(page.text)


def test_report_refuses_an_end_before_the_start_naming_both_fields(
    browser: OpenBrowser,
) -> None:
    dates = {"exploitation_period_from": "2025-06-01", "exploitation_period_to": "2025-05-01"}
    ngo = browser("ngo")
    page = ngo.post("/report", {**FORM, **dates})
    assert page.status_code == 422
    said = summary(page.text)
    assert "Эксплуатация по: Дата не может быть раньше, чем «Эксплуатация с»." in said
    ngo.post("/language", {"lang": "en", "next": "/report"})
    english = summary(ngo.post("/report", {**FORM, **dates}).text)
    assert "The date cannot be earlier than «Exploitation from»." in english


def test_consent_given_while_not_informed_is_refused_naming_the_consent(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = report_case(web_engine)
    step = web_engine.complete_task(step.opened[0].id, SAFETY, actor="ngo", agency="ngo")
    task = step.opened[0].id
    form = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in CONSENT.items()}
    page = browser("ngo").post(f"/tasks/{task}", {**form, "consent_informed": "false"})
    assert page.status_code == 422
    said = summary(page.text)
    consent = "«Согласен (согласна) на перенаправление для получения помощи»"
    assert f"Этот ответ не согласуется с ответом на вопрос {consent}." in said


def test_report_picks_countries_and_languages_by_name_in_the_page_language(
    browser: OpenBrowser,
) -> None:
    ngo = browser("ngo")
    page = ngo.get("/report", follow_redirects=True).text
    citizenship = page[page.index('<select id="f-citizenship"') :]
    citizenship = citizenship[: citizenship.index("</select>")]
    assert '<option value="RU">Россия</option>' in citizenship
    assert '<option value="KG">Кыргызстан</option>' in citizenship  # review F-C
    language = page[page.index('<select id="f-language"') :]
    assert '<option value="ky">кыргызский</option>' in language[: language.index("</select>")]
    ngo.post("/language", {"lang": "ky", "next": "/report"})
    kyrgyz = ngo.get("/report", follow_redirects=True).text
    assert '<option value="KG">Кыргызстан</option>' in kyrgyz
    typed = ngo.post("/report", {**FORM, "citizenship": "Россия"})
    assert typed.status_code == 422


def test_case_page_shows_codes_as_names(browser: OpenBrowser, web_engine: Engine) -> None:
    case = report_case(web_engine, exploitation_country="TR").case
    page: Any = browser("ngo").get(f"/cases/{case.id}").text
    assert "Турция" in page
    assert not re.search(r">\s*TR\s*<", page)


def referral_compile_task(engine: Engine) -> str:
    """A referral case the police compile next (its consent date is required only once the
    person agreed to some receivers)."""
    data = {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False}
    step = engine.start_case("referral", data, agency="police", actor="police")
    return step.opened[0].id


def test_a_conditionally_required_field_says_when_it_is_required_without_script(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task = referral_compile_task(web_engine)
    police = browser("police")
    page = police.get(f"/tasks/{task}").text
    field = page[page.index('id="field-referral_consent_date"') :]
    label = field[: field.index("</label>")]
    receivers = "Получатели, которым человек согласен передать свои данные"
    assert f"(обязательно, если дан ответ на «{receivers}»)" in label
    assert '<span class="req" aria-hidden="true" hidden>*</span>' in label
    refused = police.post(f"/tasks/{task}", {"referral_consent_receivers": "ngo"}).text
    field = refused[refused.index('id="field-referral_consent_date"') :]
    assert '<span class="req" aria-hidden="true">*</span>' in field[: field.index("</label>")]
    assert f"нужен из-за ответа на вопрос «{receivers}»" in field


def test_a_provider_is_required_when_its_service_is_in_the_plan() -> None:
    schema = json.loads((FORMS_DIR / "rehabilitation_draft_plan.schema.json").read_text("utf-8"))
    (made,) = conditions(schema)["rehab_provider_employment"]
    assert (made.field, made.value, made.value_title) == (
        "rehab_services_planned",
        "employment",
        "Employment",
    )
