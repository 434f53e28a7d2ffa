"""Pages review 4, P4-11: after the person limited her consent, the case page says under its
status what is limited and since when ("no more data to: Police, Social services (since
…); police report: no"), and so does every task of the case — to the agencies she did not cut
off. P4-5: the agency she cut off is told the day she gave, not the day it was recorded."""

from __future__ import annotations

from datetime import timedelta

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from forms import timewords
from tests.forms.conftest import OpenBrowser
from tests.forms.schemas import text_of
from tests.forms.test_pagesC_limited_police import _decision_case

CONSENT_NOW = {
    "en": ("The person's consent now", "no more data to: Police, Social services (since"),
    "ru": ("Согласие человека сейчас", "данные не передаются: Милиция, Социальные службы (с"),
    "ky": ("Адамдын азыркы макулдугу", "маалымат берилбейт: Милиция, Социалдык кызматтар ("),
}


def _limited(engine: Engine, clock: FakeClock) -> tuple[str, str, str]:
    """A case at the police decision whose person, on the day before, cut off the police and
    the social services (recorded today): the case, the police's task, the NGO's open task."""
    case_id, decision = _decision_case(engine, clock)
    said = (clock.now() - timedelta(days=1)).date()
    clock.advance(timedelta(days=1))
    limited = {
        "consent_withdrawn_on": said.isoformat(),
        "consent_withdrawn_from": ["police", "social"],
        "consent_police_report_withdrawn": True,
    }
    engine.deliver_message(case_id, "consent_limited", limited, actor="ngo", agency="ngo")
    ngo_task = next(t for t in engine.case_tasks(case_id) if t.agency == "ngo")
    return case_id, decision.id, ngo_task.id


def test_the_case_page_and_each_task_say_what_is_limited_and_since_when(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id, _decision, ngo_task = _limited(web_engine, clock)
    ngo = browser("ngo")
    for lang, (label, said) in CONSENT_NOW.items():
        ngo.post("/language", {"lang": lang, "next": "/inbox"})
        for path in (f"/cases/{case_id}", f"/tasks/{ngo_task}"):
            page = ngo.get(path).text
            assert 'id="consent-now"' in page, (lang, path)
            line = text_of(page.split('id="consent-now"')[1][:600])
            assert label in line and said in line, (lang, path, line)
    assert "милицияга арыз: жок" in line


def test_the_agency_cut_off_is_told_the_day_the_person_gave(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id, decision, _ngo_task = _limited(web_engine, clock)
    police = browser("police")
    police.post("/language", {"lang": "en", "next": "/inbox"})
    said = web_engine.get_case(case_id).data["consent_withdrawn_on"]
    recorded = clock.now().date()
    assert said != recorded.isoformat()
    for path in (f"/cases/{case_id}", f"/tasks/{decision}"):
        page = police.get(path).text
        notice = text_of(page.split('id="sharing-limited"')[1][:400])
        assert timewords.date_text(said, "en") in notice, notice
        assert timewords.day(recorded, "en") not in notice, notice
        assert 'id="consent-now"' not in page  # the banner says it for the agency cut off
