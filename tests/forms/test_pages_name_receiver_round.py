"""The commission's "Name another receiver" after a decline and then the person's refusal of
the receiver it named (page review P-6): the context names the receiver she refused without
the earlier receiver's decline beside it as if it were this one's (referral.bpmn clears the
answer of the receiver `task_name_receiver` replaces)."""

from __future__ import annotations

import html

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until
from tests.forms.schemas import context_of

NAME = "referral_name_receiver.schema.json"
ASK = "referral_ask_consent.schema.json"
# the NGO she agreed to declines; the commission names the social services; she refuses them
ROUND = {
    "referral_compile.schema.json": {
        "referral_receiver": "ngo",
        "referral_consent_receivers": ["ngo"],
    },
    "referral_accept.schema.json": {
        "referral_decision": "declined",
        "referral_decline_reason": "no_capacity",
    },
    NAME: {"referral_receiver": "social"},
    ASK: {"referral_consent_receivers": ["ngo"]},
}
DECLINE_WORDS = {
    "ru": ("Отклонить перенаправление", "Нет свободных мест или сотрудников"),
    "ky": ("Кайра багыттоодон баш тартуу", "Бош орун же кызматкер жок"),
    "en": ("Decline the referral", "No free place or staff"),
}


def test_the_refused_receiver_is_not_shown_with_an_earlier_decline(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    drive_until(web_engine, clock, case_id, ASK, overrides=ROUND)
    task = drive_until(web_engine, clock, case_id, NAME, overrides=ROUND)
    data = web_engine.get_case(case_id).data
    assert (data["referral_receiver"], data["referral_declines"]) == ("social", 1)
    commission = browser("commission")
    for lang, words in DECLINE_WORDS.items():
        commission.post("/language", {"lang": lang, "next": "/inbox"})
        said = context_of(commission.get(f"/tasks/{task.id}").text)
        assert {"ru": "Социальные службы", "ky": "Социалдык", "en": "Social services"}[lang] in said
        assert not [w for w in words if w in said], said
    # the NGO's decline is still on the case page, under the NGO's own step
    page = html.unescape(browser("ngo").get(f"/cases/{case_id}").text)
    assert "Нет свободных мест или сотрудников" in page
