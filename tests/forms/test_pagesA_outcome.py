"""The agencies serving the person see the outcome of the status decision, not the police
file (page review F-F): the decision and its date, never its basis nor the official."""

from __future__ import annotations

import html
import re

from api.services import visibility
from engine.db import read_session
from engine.facade import Engine
from engine.models import Case
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until

DECISION = "identification_decision.schema.json"
BASIS = "Indicators of forced labour at the brick kiln"
OFFICER = "Captain Orozbekov"


def test_the_serving_ngo_reads_the_status_decision_but_not_its_basis(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    task = drive_until(web_engine, clock, case_id, DECISION)
    web_engine.complete_task(
        task.id,
        {
            "identification_decision": "confirmed",
            "status_decision_person_told": True,
            "identification_decision_basis": BASIS,
            "identification_decision_date": "2026-01-06",
            "identification_decision_officer": OFFICER,
        },
        actor="police",
        agency="police",
    )
    ngo = browser("ngo")
    words = {
        "ru": ("Статус жертвы торговли людьми подтверждён", "6 янв. 2026"),
        "ky": ("Адам сатуунун жабырлануучусу статусу тастыкталды", "2026"),
        "en": ("Victim status confirmed", "Jan 6, 2026"),
    }
    for lang, (decided, date) in words.items():
        ngo.post("/language", {"lang": lang, "next": "/inbox"})
        page = html.unescape(ngo.get(f"/cases/{case_id}").text)
        text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
        timeline = text.split(text_of_timeline_title(lang))[1]
        assert decided in timeline, timeline[:3000]
        assert decided in text.split(text_of_timeline_title(lang))[0]  # and in its data
        assert date in text
        assert BASIS not in page and OFFICER not in page  # the police file stays with police
    with read_session(web_engine.db) as session:
        case = session.get(Case, case_id)
        assert case is not None
        seen = visibility.projected_data(
            engine=web_engine,
            session=session,
            case=case,
            agency="ngo",
            data=web_engine.get_case(case_id).data,
        ).data
    assert seen["identification_decision"] == "confirmed"
    assert seen["identification_decision_date"] == "2026-01-06"
    assert "identification_decision_basis" not in seen
    assert "identification_decision_officer" not in seen


def text_of_timeline_title(lang: str) -> str:
    return {"ru": "Ход случая", "ky": "Иштин жүрүшү", "en": "Timeline"}[lang]
