"""Pages for the tasks of one rehabilitation plan: each service named, in its agency's inbox."""

from __future__ import annotations

from typing import Any

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser

INTAKE = {
    "rehab_intake_date": "2026-01-05",
    "rehab_needs": ["shelter", "medical"],
    "rehab_retrafficking_risk": "low",
    "rehab_contact_with_traffickers": False,
    "rehab_in_shelter": False,
}
PROVIDERS = {
    f"rehab_provider_{s}": "receiver"
    for s in ("shelter", "psychological", "legal_aid_documents", "family_contact")
    + ("education_training", "employment", "material_help")
}
PLAN = {
    "rehab_plan_goals": "Housing and health",
    "rehab_services_planned": ["shelter", "medical"],
    **PROVIDERS,
    "rehab_provider_medical": "health",
    "rehab_plan_person_agreed": True,
    "rehab_plan_date": "2026-01-08",
}


def complete(engine: Engine, case_id: str, name: str, data: dict[str, Any]) -> None:
    [task] = [t for t in engine.case_tasks(case_id) if t.name == name]
    engine.complete_task(task.id, data, actor=task.agency or "", agency=task.agency)


def approved_plan(engine: Engine) -> str:
    """A rehabilitation whose plan sends shelter to the NGO and medical care to health."""
    case_id = engine.start_case(
        "social_rehabilitation",
        {"pseudonym": "Bermet", "presumed_child": False, "referral_receiver": "ngo"},
        agency="police",
        actor="police",
    ).case.id
    complete(engine, case_id, "Intake and needs assessment", INTAKE)
    complete(engine, case_id, "Draft individual rehabilitation plan", PLAN)
    approval = {"rehab_plan_decision": "approved", "rehab_plan_decision_date": "2026-01-09"}
    complete(engine, case_id, "Approve rehabilitation plan", approval)
    return case_id


def test_inbox_and_task_page_name_the_service(browser: OpenBrowser, web_engine: Engine) -> None:
    case_id = approved_plan(web_engine)
    inbox = browser("health").get("/inbox").text
    assert "Оказать услугу: Медицинская помощь" in inbox
    assert "Приют" not in inbox
    [task] = [t for t in web_engine.case_tasks(case_id) if t.agency == "health"]
    page = browser("health").get(f"/tasks/{task.id}").text
    assert "<h1>Оказать услугу: Медицинская помощь</h1>" in page
    assert 'name="rehab_service"' not in page  # set by the case, shown among the context
    assert "Медицинская помощь" in page.split("<h1>", 1)[1].split("</h1>", 1)[1]
    ngo = browser("ngo")
    ngo.post("/language", {"lang": "en", "next": "/inbox"})
    assert "Deliver service: Shelter" in ngo.get("/inbox").text
