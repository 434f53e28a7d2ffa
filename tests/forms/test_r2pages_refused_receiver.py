"""The commission's "Name another receiver" after the person refused the receiver named
(second page review P-6): the refused receiver and any she did not agree to are marked "the
person did not agree", and each agency has one name on the page (the context's and the
choice's)."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until

NAME_RECEIVER = "referral_name_receiver.schema.json"
# named the NGO, the person agreed only to the social services: she refuses the NGO
REFUSED = {
    "referral_compile.schema.json": {
        "referral_receiver": "ngo",
        "referral_consent_receivers": ["social"],
    },
    "referral_ask_consent.schema.json": {"referral_consent_receivers": ["social"]},
}
NAMES = {
    "ru": ("НКО / кризисный центр", "Социальные службы", "Орган защиты детей"),
    "ky": ("КЭУ / кризистик борбор", "Социалдык кызматтар", "Балдарды коргоо органы"),
    "en": ("NGO / crisis centre", "Social services", "Child protection"),
}
REFUSED_MARK = {
    "ru": "человек не согласился",
    "ky": "адам макул болгон жок",
    "en": "the person did not agree",
}


def options(page: str) -> dict[str, str]:
    select = page[page.index('name="referral_receiver"') :]
    select = select[: select.index("</select>")]
    found = re.findall(r'<option value="([a-z_]+)"[^>]*>([^<]*)</option>', select)
    return {value: html.unescape(text).strip() for value, text in found}


def test_the_refused_receiver_is_marked_and_named_as_in_the_context(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    task = drive_until(web_engine, clock, case_id, NAME_RECEIVER, overrides=REFUSED)
    data = web_engine.get_case(case_id).data
    assert data["referral_receiver"] == "ngo" and data["referral_consent_receivers"] == ["social"]
    commission = browser("commission")
    for lang in ("ru", "ky", "en"):
        commission.post("/language", {"lang": lang, "next": "/inbox"})
        page = commission.get(f"/tasks/{task.id}").text
        ngo, social, child = NAMES[lang]
        mark = REFUSED_MARK[lang]
        assert options(page) == {
            "ngo": f"{ngo} — {mark}",
            "social": social,
            "child_protection": f"{child} — {mark}",
        }
        reason = {
            "ru": "Человек не согласился на передачу данных получателю: НКО / кризисный центр.",
            "ky": "Адам маалыматтарын кабыл алуучуга берүүгө макул болгон жок: КЭУ / кризистик",
            "en": "The person did not agree to her data going to the receiver: NGO / crisis",
        }[lang]
        assert reason in html.unescape(page)  # the reason in words (the lead names three)
        context = page.split('id="context-title"')[1].split("</section>")[0]
        said = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(context)).split())
        assert ngo in said  # the receiver she refused, by the same name as the choice
        agreed = {
            "ru": "Получатели, которым человек согласен передать свои данные",
            "ky": None,
            "en": None,
        }[lang]
        if agreed:
            assert f"{agreed} {social}" in said, said  # the one she agreed to, same name
        else:
            assert social in said, said


def test_a_declined_referral_does_not_say_the_person_refused(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    from tests.forms.test_pagesA_name_receiver import DECLINED

    case_id = report_case(web_engine).case.id
    task = drive_until(web_engine, clock, case_id, NAME_RECEIVER, overrides=DECLINED)
    page = html.unescape(browser("commission").get(f"/tasks/{task.id}").text)
    assert "Человек не согласился на передачу данных получателю" not in page
    assert "человек не согласился" not in options(page)["ngo"]
