"""Pages review 4, P4-12: small wording and data points — the reception's deadline reads
"не позднее чем через 24 часа" (not "в течение 24 часа"), and the "urgent: a bed tonight"
tag is shown to the agencies that refer or receive the person, not to the police."""

from __future__ import annotations

import html

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from forms.translate import Translator
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until
from tests.forms.schemas import load_schema

TONIGHT = "Urgent: needs a safe place tonight"


def test_the_reception_deadline_reads_as_russian_says_it() -> None:
    hint = load_schema("repatriation_travel_and_escort.schema.json")
    text = next(
        p["description"]
        for p in hint["properties"].values()
        if "{reception_hours}" in str(p.get("description"))
    )
    said = Translator("ru", params={"reception_hours": 24}).form(text)
    assert "через 24 часа после этого" in said and "в течение 24 часа" not in said


def test_the_urgent_tag_is_for_the_referring_and_receiving_agencies_only(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    referral = {
        "referral_receiver": "social",
        "referral_urgency": "immediate",
        "referral_consent_receivers": ["social"],
    }
    drive_until(
        web_engine,
        clock,
        case_id,
        "referral_accept.schema.json",
        overrides={"referral_compile.schema.json": referral},
    )
    open_agencies = {t.agency for t in web_engine.case_tasks(case_id)}
    assert {"social", "police"} <= open_agencies, open_agencies
    for username, shown in (("social", True), ("ngo", True), ("police", False)):
        user = browser(username)
        user.post("/language", {"lang": "en", "next": "/inbox"})
        inbox = ("/inbox",) if username in open_agencies else ()  # a card of its open task
        for path in ("/cases", f"/cases/{case_id}", *inbox):
            assert (TONIGHT in user.get(path).text) is shown, (username, path)


CHILD_CONSENT = {
    "en": "The guardian agrees to the child's return to Kyrgyzstan",
    "ru": "Опекун согласен на возвращение ребёнка в Кыргызстан",
    "ky": "Камкорчу баланын Кыргызстанга кайтып келишине макул",
}


def test_a_childs_return_consent_asks_the_guardian_an_adults_the_person(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    consular = browser("consular")
    for child in (True, False):
        data = {"age": 15, "pseudonym": "Erlan-15"} if child else {"pseudonym": "Aibek"}
        case_id = report_case(web_engine, location="abroad", **data).case.id
        task = drive_until(web_engine, clock, case_id, "repatriation_consent_to_return.schema.json")
        for lang, title in CHILD_CONSENT.items():
            consular.post("/language", {"lang": lang, "next": "/inbox"})
            legend = html.unescape(consular.get(f"/tasks/{task.id}").text).split(
                'id="field-return_consent_given"'
            )[1][:600]
            assert (title in legend) is child, (child, lang, legend)
