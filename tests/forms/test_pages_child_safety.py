"""Pages review 4, P4-3: every child-protection task of a child's case names the suspect the
guardian appointment replaced ("do not contact, do not tell where the child is"), as the
consular tasks do — not the new guardian twice and no suspect; IOM (P4-4) is told that someone
close to the child is suspected, never who; an adult's case says nothing of it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from api.services import visibility
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from forms.translate import Translator
from forms.web.casedata import child_safety
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until
from tests.forms.schemas import field_index, load_schema, text_of
from tests.state_fixtures import answers

SUSPECT = "T. Abdykadyrov"
GUARDIAN = "G. Abdykadyrova"
# child protection records the father as guardian, suspected; a relative is appointed instead
REPLACED = {
    "identification_child_notification.schema.json": {
        "child_guardian_name": SUSPECT,
        "child_guardian_relation": "parent",
        "child_parent_suspected": True,
    },
    "identification_child_guardian.schema.json": {
        "child_new_guardian_name": GUARDIAN,
        "child_new_guardian_relation": "relative",
    },
}
SAID = {
    "en": f"Suspected of involvement: {SUSPECT} (A parent) — do not contact this person",
    "ru": f"Подозревается в причастности: {SUSPECT} (",
    "ky": f"Катышы бар деп шектелет: {SUSPECT} (",
}
WITHDRAWN = {
    "consent_withdrawn_scope": ["help"],
    "consent_withdrawn_on": "2026-01-05",
    "consent_withdrawn_by": "guardian",
    "consent_still_agrees_to_help": False,
}


def child_with_a_suspect(engine: Engine, clock: FakeClock | None = None) -> str:
    """A boy's case whose suspected father child protection replaced as guardian."""
    case_id = report_case(engine, age=15, pseudonym="Nurbek-15", sex="male").case.id
    for form in REPLACED:
        (task,) = [t for t in engine.case_tasks(case_id) if t.form == form]
        data = answers(dict(engine.task_form(task.id) or {}), engine.clock.now())
        data.update(REPLACED[form])
        engine.complete_task(task.id, data, actor="child_protection", agency="child_protection")
    assert engine.get_case(case_id).data["child_guardian_suspected_name"] == SUSPECT
    return case_id


def safety_box(page: str) -> str:
    assert 'id="child-safety-title"' in page, "no child-safety box"
    return text_of(page.split('id="child-safety-title"')[1].split("</section>")[0])


def task_of(engine: Engine, case_id: str, name: str) -> Any:
    (task,) = [t for t in engine.case_tasks(case_id) if t.name == name]
    return task


def keep_protection_task(engine: Engine, clock: FakeClock) -> Any:
    """Child protection's "Keep the child protected" after the guardian withdrew consent."""
    case_id = child_with_a_suspect(engine, clock)
    engine.deliver_message(case_id, "consent_withdrawn", WITHDRAWN, actor="ngo", agency="ngo")
    return task_of(engine, case_id, "Keep the child protected after consent was withdrawn")


def test_child_protections_keep_protection_task_names_the_suspect_in_every_language(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    task = keep_protection_task(web_engine, clock)
    assert task.agency == "child_protection"
    officer = browser("child_protection")
    for lang, said in SAID.items():
        officer.post("/language", {"lang": lang, "next": "/inbox"})
        assert said in safety_box(officer.get(f"/tasks/{task.id}").text), lang


def test_a_child_protection_task_whose_form_names_no_suspect_still_shows_it(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    """Any task of child protection, not only those of a withdrawal: here its referral."""
    case_id = child_with_a_suspect(web_engine, clock)
    for _ in range(6):
        open_tasks = web_engine.case_tasks(case_id)
        if any(t.name == "Accept or decline referral" for t in open_tasks):
            break
        task = open_tasks[0]
        clock.advance(timedelta(hours=1))
        data = answers(dict(web_engine.task_form(task.id) or {}), clock.now())
        web_engine.complete_task(task.id, data, actor=str(task.agency), agency=task.agency)
    task = task_of(web_engine, case_id, "Accept or decline referral")
    officer = browser("child_protection")
    officer.post("/language", {"lang": "en", "next": "/inbox"})
    assert SAID["en"] in safety_box(officer.get(f"/tasks/{task.id}").text)


def test_an_adults_task_has_no_child_safety_box(web_engine: Engine, browser: OpenBrowser) -> None:
    step = report_case(web_engine)
    ngo = browser("ngo")
    assert 'id="child-safety-title"' not in ngo.get(f"/tasks/{step.opened[0].id}").text


# a boy abroad: the consulate finds the traffickers know where he is; child protection finds
# the father suspected and appoints another guardian; the consulate takes the guardian's consent
ABROAD = {
    "repatriation_abroad_safety.schema.json": {"abroad_trafficker_contact": True},
    "repatriation_child_abroad.schema.json": {
        "child_guardian_name": SUSPECT,
        "child_guardian_relation": "parent",
        "child_guardian_suspected": True,
    },
    "repatriation_consent_to_return.schema.json": {
        "return_consent_by": "legal_representative",
        "return_child_views": "Wants to go home to the grandmother",
    },
}
IOM_SAID = {
    "en": ("Someone close to the child is suspected of involvement: A parent", "Yes"),
    "ru": ("В причастности подозревается человек из окружения ребёнка", "Да"),
    "ky": ("Баланын жакын адамы катышы бар деп шектелет", "Ооба"),
}


def test_iom_assessing_a_childs_return_is_told_a_parent_is_suspected_but_not_who(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(
        web_engine, age=15, pseudonym="Erlan-15", sex="male", location="abroad"
    ).case.id
    task = drive_until(
        web_engine, clock, case_id, "repatriation_return_risk.schema.json", overrides=ABROAD
    )
    assert task.agency == "iom"
    iom = browser("iom")
    for lang, (suspected, yes) in IOM_SAID.items():
        iom.post("/language", {"lang": lang, "next": "/inbox"})
        page = iom.get(f"/tasks/{task.id}").text
        box = safety_box(page)
        assert suspected in box, (lang, box)
        assert SUSPECT not in page  # IOM needs the relation, not the name
        traffickers = Translator(lang).form(
            "Traffickers are in contact or know where the person is"
        )
        assert f"{traffickers} {yes}" in box, (lang, box)


PEOPLE = {
    "en": ("Guardian", GUARDIAN, f"Suspected of involvement: {SUSPECT} (A parent)"),
    "ru": ("Опекун", GUARDIAN, f"Подозревается в причастности: {SUSPECT}"),
    "ky": ("Камкорчу", GUARDIAN, f"Катышы бар деп шектелет: {SUSPECT}"),
}


def test_the_childs_withdrawal_form_names_the_guardian_and_the_suspect(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    """P4-3: "who withdrew" is answered knowing who the guardian is and who is suspected."""
    case_id = child_with_a_suspect(web_engine, clock)
    ngo = browser("ngo")
    for lang, (label, guardian, suspect) in PEOPLE.items():
        ngo.post("/language", {"lang": lang, "next": "/inbox"})
        page = ngo.get(f"/cases/{case_id}/messages/consent_withdrawn").text
        assert 'id="child-people-title"' in page, lang
        box = text_of(page.split('id="child-people-title"')[1].split("</section>")[0])
        assert f"{label} " in box and guardian in box and suspect in box, (lang, box)


def test_an_adults_withdrawal_form_names_nobody(web_engine: Engine, browser: OpenBrowser) -> None:
    case_id = report_case(web_engine).case.id
    page = browser("ngo").get(f"/cases/{case_id}/messages/consent_withdrawn").text
    assert 'id="child-people-title"' not in page


HANDOVER = {
    "presumed_child": True,
    "child_guardian_suspected_relation": "parent",
    "child_handover_receiver_kind": "child_protection",
    "child_handover_receiver": "Osh child protection, officer A. Sydykova",
    "child_handover_place": "Osh airport",
    "child_handover_date": "2026-12-15",
    "child_handover_escort": "IOM escort until the hand-over",
}


def test_iom_tasks_carry_the_handover_child_protection_arranged() -> None:
    """P4-4: IOM, planning the trip, sees who receives the child, where, when and with whom."""
    assert set(HANDOVER) - {"presumed_child"} <= set(
        visibility.child_safety_fields("iom", HANDOVER)
    )
    assert visibility.child_safety_fields("iom", {**HANDOVER, "presumed_child": False}) == ()
    risk = load_schema("repatriation_return_risk.schema.json")  # its form names no hand-over
    shown = child_safety(Translator("en"), field_index(), "iom", risk, HANDOVER)
    assert shown is not None and shown.suspect and SUSPECT not in shown.suspect
    rows = {label: value for label, value, _ in shown.rows}
    assert "Osh airport" in rows.values() and "IOM escort until the hand-over" in rows.values()
    assert "Osh child protection, officer A. Sydykova" in rows.values()


AGAIN = {
    "en": "Asked again: the withdrawal of the child's consent of Jan 5, 2026 was not acted on",
    "ru": "Спрашивается снова: отзыв согласия ребёнка от",
    "ky": "Кайра суралат: баланын",
}


def test_the_return_consent_asked_again_says_the_withdrawal_was_not_acted_on(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    """P4-12: after child protection did not act on a withdrawal of the child's return, the
    consular service asks the consent again and its task says why."""
    case_id = report_case(
        web_engine, age=15, pseudonym="Erlan-15", sex="male", location="abroad"
    ).case.id
    drive_until(
        web_engine, clock, case_id, "repatriation_return_risk.schema.json", overrides=ABROAD
    )
    withdrawn = {**WITHDRAWN, "consent_withdrawn_scope": ["return"]}
    withdrawn["consent_still_agrees_to_help"] = True
    web_engine.deliver_message(
        case_id, "consent_withdrawn", withdrawn, actor="consular", agency="consular"
    )
    overruled = {
        **ABROAD,
        "repatriation_withdrawn_child_return.schema.json": {
            "child_withdrawal_withdrawer_suspected": False,
            "child_withdrawal_guardian_kept": True,
        },
        "consent_withdrawn_child_best_interests.schema.json": {
            "child_withdrawal_best_interests": "services_continue"
        },
        # the guardian who withdrew stays: who decides for the child now (review 5, R5-2)
        "repatriation_withdrawn_child_decider.schema.json": {
            "child_return_decided_by": "new_guardian",
            "child_new_guardian_name": "A. Satarova",
            "child_new_guardian_relation": "relative",
        },
    }
    task = drive_until(
        web_engine,
        clock,
        case_id,
        "repatriation_consent_to_return.schema.json",
        overrides=overruled,
    )
    consular = browser("consular")
    for lang, said in AGAIN.items():
        consular.post("/language", {"lang": lang, "next": "/inbox"})
        assert said in safety_box(consular.get(f"/tasks/{task.id}").text), lang


def test_the_keep_protection_task_names_the_guardian_once(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    """P4-3: "Guardian" and "Guardian appointed instead" no longer both name the grandmother."""
    task = keep_protection_task(web_engine, clock)
    page = browser("child_protection").get(f"/tasks/{task.id}").text
    context = page.split('id="context-title"')[1].split("</section>")[0]
    assert text_of(context).count(GUARDIAN) == 1, text_of(context)
