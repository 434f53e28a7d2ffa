"""A choice naming a role of the case — "the agency already serving the person" — names the
agency that holds it now (page review F-P: the social worker's plan offered it unnamed; F-R:
the commission approves a plan service by service with its executor by name)."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until

DRAFT = "rehabilitation_draft_plan.schema.json"
APPROVE = "rehabilitation_approve_plan.schema.json"
SERVING = {
    "ru": "Организация, которая уже обслуживает лицо (НКО / кризисный центр)",
    "ky": "Адамды мурунтан тейлеп жаткан уюм (КЭУ / кризистик борбор)",
    "en": "The agency already serving the person (NGO / crisis centre)",
}
PLAN = {
    "rehab_plan_goals": "Safe housing and recovery",
    "rehab_services_planned": ["shelter", "psychological"],
    "rehab_provider_shelter": "receiver",
    "rehab_provider_psychological": "social",
    "rehab_plan_person_agreed": True,
}


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_plan_names_the_serving_agency_and_the_commission_reads_each_executor(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    draft = drive_until(web_engine, clock, case_id, DRAFT)
    assert web_engine.get_case(case_id).data["referral_receiver"] == "ngo"
    social = browser("social")
    for lang, said in SERVING.items():
        social.post("/language", {"lang": lang, "next": "/inbox"})
        page = html.unescape(social.get(f"/tasks/{draft.id}").text)
        assert f"> {said}</label>" in page or f">{said}</option>" in page, lang
    plan = {**PLAN, "rehab_plan_date": clock.now().date().isoformat()}
    web_engine.complete_task(draft.id, plan, actor="social", agency="social")
    approve = drive_until(web_engine, clock, case_id, APPROVE)
    commission = browser("commission")
    for lang, said in SERVING.items():
        commission.post("/language", {"lang": lang, "next": "/inbox"})
        page = commission.get(f"/tasks/{approve.id}").text
        context = _text(page.split('id="context-title"')[1].split("</section>")[0])
        assert said in context, context
        social_services = {
            "ru": "Социальные службы",
            "ky": "Социалдык кызматтар",
            "en": "Social services",
        }
        assert social_services[lang] in context, context  # the other service's executor
