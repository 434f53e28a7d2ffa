"""Pages review 3, P3-12: a case whose person refused a police report runs only the
prosecutor's non-punishment decision in "Criminal proceedings"; the case header and the inbox
card name that ("Non-punishment: prosecutor's decision"), not a criminal case, and the case
page does not list a court hearing to record. A return stopped by a withdrawal of consent is
named by the withdrawal, not "Repatriation"."""

from __future__ import annotations

import html
import re
from typing import Any

from sqlmodel import Session

from api.services import visibility
from engine.facade import Engine
from engine.models import Case
from forms.web.soplabel import NON_PUNISHMENT, task_label
from tests.forms.conftest import OpenBrowser


def proceedings(engine: Engine, pseudonym: str, *, police_report: bool) -> str:
    data: dict[str, Any] = {
        "pseudonym": pseudonym,
        "presumed_child": False,
        "consent_police_report": police_report,
        "non_punishment_applies": True,
        "referral_receiver": "ngo",
    }
    return engine.start_case("proceedings", data, agency="ngo", actor="ngo").case.id


def words(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(page)).split())


def answers(page: str) -> str:
    """The case page above its diagram: what it waits for, from the person and from others."""
    return words(page.split('id="diagram-title"')[0])


def header(page: str) -> str:
    return words(page.split('<p class="summary">')[1].split("</p>")[0])


def test_a_refused_police_report_reads_non_punishment_and_lists_no_hearing(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    refused = proceedings(web_engine, "Refused", police_report=False)
    assert "hearing_scheduled" in [m.name for m in web_engine.awaited_messages(refused)]
    ngo = browser("ngo")
    page = ngo.get(f"/cases/{refused}").text
    assert "Ненаказуемость: решение прокурора" in header(page)
    assert "Уголовное производство" not in header(page)
    assert "Суд назначил заседание" not in answers(page)
    card = browser("prosecutor").get("/inbox").text
    cards = words(card.split("Refused")[1].split("</li>")[0])
    assert "Ненаказуемость: решение прокурора" in cards and "Уголовное" not in cards, cards


def test_proceedings_she_agreed_to_keep_their_name_and_the_hearing(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    agreed = proceedings(web_engine, "Agreed", police_report=True)
    page = browser("ngo").get(f"/cases/{agreed}").text
    assert "Уголовное производство" in header(page)
    assert "Суд назначил заседание" in answers(page)


def test_a_return_stopped_by_a_withdrawal_is_named_by_the_withdrawal(
    web_engine: Engine,
) -> None:
    with Session(web_engine.db) as session:
        case = session.get(Case, proceedings(web_engine, "Any", police_report=True))
        assert case is not None
        bundle = visibility.version_of(web_engine, session, case).bundle
    assert task_label(bundle, "esp_return_consent_withdrawn", None) == "Consent withdrawn"
    assert task_label(bundle, "repatriation", None) == "Repatriation"
    form = "proceedings_non_punishment.schema.json"
    assert task_label(bundle, "proceedings", form) == NON_PUNISHMENT
