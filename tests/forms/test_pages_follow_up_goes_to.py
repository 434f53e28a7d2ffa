"""Pages review 4, P4-9: the status decision says, beside "how and when the person will be
told", to which agency the task "Tell the person" will go — the one it then goes to — instead
of leaving the officer to name one in free text that the inbox contradicts."""

from __future__ import annotations

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until
from tests.forms.schemas import text_of

DECISION = "identification_decision.schema.json"
TOLD = "identification_decision_told.schema.json"
SAID = {
    "en": "will go to: NGO / crisis centre",
    "ru": "уйдёт: НКО / кризисный центр",
    "ky": "кимге барат: КЭУ / кризистик борбор",
}


def test_the_decision_names_the_agency_the_tell_task_goes_to(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    task = drive_until(web_engine, clock, case_id, DECISION)
    police = browser("police")
    for lang, said in SAID.items():
        police.post("/language", {"lang": lang, "next": "/inbox"})
        page = police.get(f"/tasks/{task.id}").text
        field = text_of(page.split('id="field-status_decision_tell_plan"')[1][:1500])
        assert said in field, (lang, field)
    web_engine.complete_task(
        task.id,
        {
            "identification_decision": "confirmed",
            "identification_decision_basis": "Indicators of forced labour",
            "identification_decision_date": "2026-01-06",
            "identification_decision_officer": "Captain Orozbekov",
            "status_decision_person_told": False,
            "status_decision_not_told_reason": "The police do not contact her",
            "status_decision_tell_plan": "At the next meeting",
        },
        actor="police",
        agency="police",
    )
    told = [t for t in web_engine.case_tasks(case_id) if t.form == TOLD]
    assert [t.agency for t in told] == ["ngo"]  # where the page said it would go
