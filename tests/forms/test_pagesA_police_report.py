"""The status decision page tells the officer that the person refused a police report (page
review F-B): a decision on status only, on pseudonymised data — nothing about who she is."""

from __future__ import annotations

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import REPORT, OpenBrowser, report_case
from tests.forms.driving import drive_until
from tests.forms.schemas import context_of

DECISION = "identification_decision.schema.json"
SAID = {
    "ru": "Человек не согласен на заявление в милицию",
    "ky": "Адам милицияга арыз берүүгө макул эмес",
    "en": "The person has not consented to a police report",
}


def _decision_page(engine: Engine, clock: FakeClock, *, police_report: bool) -> str:
    case_id = report_case(engine).case.id
    consent = {"identification_consent.schema.json": {"consent_police_report": police_report}}
    return drive_until(engine, clock, case_id, DECISION, overrides=consent).id


def test_the_decision_page_says_the_person_refused_a_police_report_in_every_language(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    task_id = _decision_page(web_engine, clock, police_report=False)
    police = browser("police")
    for lang, said in SAID.items():
        police.post("/language", {"lang": lang, "next": "/inbox"})
        page = police.get(f"/tasks/{task_id}").text
        context = context_of(page)
        assert said in context, context
        assert REPORT["full_name"] not in page  # pseudonymised: no identity


def test_with_consent_to_a_police_report_the_page_says_nothing_of_it(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    task_id = _decision_page(web_engine, clock, police_report=True)
    page = browser("police").get(f"/tasks/{task_id}").text
    assert SAID["ru"] not in page


def test_a_later_withdrawal_of_data_to_the_police_brings_the_line_too(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    """Review P-3: consent given at the consent task, then "no more data to: Police"
    recorded from the case page: the decision page says it as well."""
    case_id = report_case(web_engine).case.id
    consent = {"identification_consent.schema.json": {"consent_police_report": True}}
    task = drive_until(web_engine, clock, case_id, DECISION, overrides=consent)
    police = browser("police")
    assert SAID["ru"] not in police.get(f"/tasks/{task.id}").text
    limited = {
        "consent_withdrawn_on": clock.now().date().isoformat(),
        "consent_withdrawn_from": ["police"],
        "consent_police_report_withdrawn": False,
    }
    web_engine.deliver_message(case_id, "consent_limited", limited, actor="ngo", agency="ngo")
    for lang, said in SAID.items():
        police.post("/language", {"lang": lang, "next": "/inbox"})
        assert said in context_of(police.get(f"/tasks/{task.id}").text), lang
