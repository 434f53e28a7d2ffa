"""The case page's data is grouped by the step that recorded it, in the order the steps were
done, each group named, dated and attributed, labels not keys (review F-Q): a task done twice
(a service per period, two services) keeps each time's own answers instead of the later
overwriting the earlier, and "Решение" sits under the step whose decision it is."""

from __future__ import annotations

import re

import pytest

from engine.facade import Engine
from scenario_suite.world import fill_form
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.test_task_context_gaps import PLAN, do, rehabilitation

LANGS = ["ru", "ky", "en"]
HEADINGS = {
    "ru": (
        "Приём и оценка потребностей",
        "Составить индивидуальный план реабилитации",
        "Утвердить план реабилитации",
        "Оказать услугу: Психологическая помощь",
        "Оказать услугу: Юридическая помощь и документы",
    ),
    "ky": (
        "Кабыл алуу жана муктаждыктарды баалоо",
        "Жеке реабилитация планын түзүү",
        "Реабилитация планын бекитүү",
        "Кызмат көрсөтүү: Психологиялык жардам",
        "Кызмат көрсөтүү: Юридикалык жардам жана документтер",
    ),
    "en": (
        "Intake and needs assessment",
        "Draft individual rehabilitation plan",
        "Approve rehabilitation plan",
        "Deliver service: Psychological help",
        "Deliver service: Legal aid and documents",
    ),
}


def groups_of(page: str) -> list[tuple[str, str]]:
    """(heading, the group's html) of each data group, in page order."""
    section = page.split('id="data-title"', 1)[1].split('id="timeline-title"', 1)[0]
    return re.findall(r'<h3 id="data-\d+">(.*?)</h3>(.*?)</section>', section, re.S)


@pytest.mark.parametrize("lang", LANGS)
def test_two_services_keep_their_own_answers_under_their_own_step(
    browser: OpenBrowser, web_engine: Engine, lang: str
) -> None:
    case_id = rehabilitation(web_engine)
    plan = {
        **PLAN,
        "rehab_services_planned": ["psychological", "legal_aid_documents"],
        "rehab_provider_psychological": "social",
        "rehab_provider_legal_aid_documents": "social",
    }
    do(web_engine, case_id, "Draft individual rehabilitation plan", plan)
    do(web_engine, case_id, "Approve rehabilitation plan", {"rehab_plan_decision": "approved"})
    services = [
        t
        for t in web_engine.case_tasks(case_id)
        if t.agency == "social" and t.status == "ready" and t.name.startswith("Deliver")
    ]
    for service, provider in zip(services, ("Counsellor Aida", "Lawyer Bakyt"), strict=True):
        given = {"rehab_service_provider": provider, "rehab_service_status": "delivered"}
        form = web_engine.task_form(service.id)
        data = fill_form(dict(form) if form else None, given, web_engine.clock.now().date())
        web_engine.complete_task(service.id, data, actor="social", agency="social")
    social = browser("social")
    social.post("/language", {"lang": lang})
    page = social.get(f"/cases/{case_id}").text
    groups = groups_of(page)
    headings = [h for h, _ in groups]
    wanted = HEADINGS[lang]
    assert [h for h in headings if h in wanted] == list(wanted), headings
    by_heading = dict(groups)
    assert (
        "Counsellor Aida" in by_heading[wanted[3]] and "Lawyer Bakyt" not in by_heading[wanted[3]]
    )
    assert (
        "Lawyer Bakyt" in by_heading[wanted[4]] and "Counsellor Aida" not in by_heading[wanted[4]]
    )
    assert not re.search(r"<dt>[a-z]+_[a-z_]+", page)  # labels, never keys
    assert "2026" in by_heading[wanted[1]].split("</p>", 1)[0]  # dated


def test_the_report_comes_first_then_the_steps_in_their_order(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    step = report_case(web_engine)
    do(web_engine, step.case.id, step.opened[0].name)
    page = browser("ngo").get(f"/cases/{step.case.id}").text
    headings = [h for h, _ in groups_of(page)]
    assert headings[0] == "Сообщение о человеке"
    assert headings[1] == "Проверить безопасность и риски", headings
    report = dict(groups_of(page))["Сообщение о человеке"]
    assert "Bus station, Bishkek" in report and "НКО / кризисный центр" in report
