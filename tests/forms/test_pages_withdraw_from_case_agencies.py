"""Pages review 3, P3-11: the forms that withdraw or limit consent offer, under "No more data
to these agencies", every agency that holds or may receive her data in this case — the NGO
and the social services handling her, the prosecutor — open tasks first, each saying how it
holds her data; a limitation naming the social services stops their sharing like any other."""

from __future__ import annotations

import html
import re

from api.services.visibility import may_see_personal
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until


def options(page: str) -> list[tuple[str, str]]:
    """(value, words) of each choice of the field, in order."""
    field = page.split('id="field-consent_withdrawn_from"')[1].split("</fieldset>")[0]
    found = re.findall(
        r'name="consent_withdrawn_from" value="([a-z_]+)"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', field
    )
    return [(v, " ".join(html.unescape(w).split())) for v, w in found]


def test_the_withdrawal_forms_list_the_agencies_of_the_case_open_tasks_first(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    case_id = report_case(web_engine).case.id
    drive_until(web_engine, clock, case_id, "referral_accept.schema.json")
    holding = {t.agency for t in web_engine.case_tasks(case_id)}
    ngo = browser("ngo")
    for name in ("consent_withdrawn", "consent_limited"):
        page = ngo.get(f"/cases/{case_id}/messages/{name}").text
        offered = options(page)
        codes = [v for v, _ in offered]
        assert set(codes[: len(holding)]) == holding, offered  # open tasks now, first
        words = dict(offered)
        assert words["ngo"].startswith("НКО / кризисный центр — открытые задачи: «"), words
        assert words["police"] == "Милиция — открытые задачи: «Принять решение о статусе»"
        for code in ("prosecutor", "social", "child_protection", "commission"):
            assert code in codes, (code, offered)
        assert words["prosecutor"].startswith("Прокуратура — "), words
        assert "rapporteur" not in codes
        assert "открытые задачи остаются у него, но без персональных данных" in html.unescape(page)


def test_a_limitation_naming_the_social_services_stops_their_personal_data(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    case_id = report_case(web_engine).case.id
    drive_until(web_engine, clock, case_id, "referral_accept.schema.json")
    sent = browser("ngo").post(
        f"/cases/{case_id}/messages/consent_limited",
        {
            "consent_withdrawn_on": clock.now().date().isoformat(),
            "consent_withdrawn_from": ["social", "prosecutor"],
            "consent_police_report_withdrawn": "false",
            "submission": "limit-social",
        },
    )
    assert sent.status_code == 303, sent.text[:3000]
    data = web_engine.get_case(case_id).data
    assert data["consent_withdrawn_from"] == ["social", "prosecutor"]
    assert not may_see_personal(agency="social", data=data, serving=["social"], params={})
    page = html.unescape(browser("ngo").get(f"/cases/{case_id}").text)
    said = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Больше не передавать данные этим ведомствам: Социальные службы, Прокуратура" in said
