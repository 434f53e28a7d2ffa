"""An answer whose form is a task's is named by its catch event (new-caseworker walk): a
Kyrgyz child's case page listed "Организовать содействие возвращению — МОМ" among the answers
it waits for — IOM's task form the departure message carries —, read as a task to do."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until

NAMES = {
    "ru": ("Уехала домой", "Организовать содействие возвращению"),
    "ky": ("Үйүнө жөнөп кетти", "Кайтууга көмөк көрсөтүүнү уюштуруу"),
    "en": ("Departed for home", "Organise assisted return"),
}


def test_the_departure_is_awaited_by_its_own_name_not_ioms_task(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    drive_until(web_engine, clock, case_id, "rehabilitation_intake.schema.json")
    assert "person_departed" in [m.name for m in web_engine.awaited_messages(case_id)]
    ngo = browser("ngo")
    for lang, (own, task) in NAMES.items():
        ngo.post("/language", {"lang": lang, "next": "/inbox"})
        page = html.unescape(ngo.get(f"/cases/{case_id}").text)
        awaited = page.split('id="awaited-title"')[1].split("</section>")[0]
        said = " ".join(re.sub(r"<[^>]+>", " ", awaited).split())
        assert own in said and task not in said, said
