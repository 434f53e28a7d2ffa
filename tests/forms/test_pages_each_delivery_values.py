"""Page review P-2 (rest): the case timeline shows each recorded answer with the values that
delivery recorded — read back from the task that caught it (the trail names it) — not only
the latest one's: a second limitation of consent no longer leaves the first one bare."""

from __future__ import annotations

import html
import re

from sqlmodel import Session, select

from engine.facade import Engine
from engine.models import AuditEvent
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case


def limit(engine: Engine, case_id: str, day: str, agencies: list[str]) -> None:
    data = {
        "consent_withdrawn_on": day,
        "consent_withdrawn_from": agencies,
        "consent_police_report_withdrawn": False,
    }
    engine.deliver_message(case_id, "consent_limited", data, actor="ngo", agency="ngo")


def entries(page: str) -> list[str]:
    timeline = page.split('<ol class="timeline">')[1].split("</ol>")[0]
    items = timeline.split("<time>")[1:]  # one entry each (its answers are nested items)
    return [" ".join(re.sub(r"<[^>]+>", " ", html.unescape(i)).split()) for i in items]


def test_each_limitation_in_the_timeline_shows_its_own_date_and_agencies(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    case_id = report_case(web_engine).case.id
    limit(web_engine, case_id, "2026-01-05", ["police"])
    for task in web_engine.case_tasks(case_id):
        assert task.process_id != "esp_case_consent_limited", task.name  # nothing to settle
    limit(web_engine, case_id, "2026-01-06", ["police", "consular"])
    with Session(web_engine.db) as session:
        events = session.exec(
            select(AuditEvent).where(
                AuditEvent.case_id == case_id, AuditEvent.action == "message.delivered"
            )
        ).all()
    assert all(len(e.detail["tasks"]) == 1 for e in events), [e.detail for e in events]
    said = [e for e in entries(browser("ngo").get(f"/cases/{case_id}").text) if "ограничил" in e]
    assert len(said) == 2, said
    first, second = said
    assert "Больше не передавать данные этим ведомствам: Милиция" in first, first
    assert "Консульская" not in first and "5 янв. 2026" in first, first
    assert "Милиция, Консульская служба" in second and "6 янв. 2026" in second, second
