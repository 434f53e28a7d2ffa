"""Page review P-1: after a consent withdrawal the case's open task is one of an event
sub-process (`esp_referral_consent_withdrawn`), whose tasks carry the sub-process's id as
their process. The summary line (case page, task page, inbox card, case list) names the
SOP that holds it, in the page language — the one the case diagram marks as current —
never the raw id."""

from __future__ import annotations

import re

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser
from tests.forms.test_bare_keys import bare_keys

ESP = "esp_referral_consent_withdrawn"
AGREE = "Agree the help that continues after consent was withdrawn"
SOP_2 = {"ru": "СОП 2 — Перенаправление", "ky": "СОП 2 — Кайра багыттоо", "en": "SOP 2 - Referral"}


def withdrawn_during_referral(engine: Engine) -> tuple[str, str]:
    """A referral compiled by the police, the adult's consent withdrawn (sent by the NGO)
    while the NGO decides: the police's 'Agree the help…' task opens in the sub-process.
    The case id and that task's id."""
    step = engine.start_case(
        "referral",
        {"pseudonym": "Kalys", "presumed_child": False, "is_foreign": False},
        agency="police",
        actor="police",
    )
    case_id = step.case.id
    (compile_task,) = [t for t in engine.case_tasks(case_id) if t.name == "Compile the referral"]
    engine.complete_task(
        compile_task.id,
        {
            "referral_needs": ["shelter"],
            "referral_urgency": "routine",
            "referral_receiver": "ngo",
            "referral_consent_receivers": ["ngo"],
            "referral_consent_date": "2026-01-05",
            "referral_consent_method": "written",
        },
        actor="police",
        agency="police",
    )
    engine.deliver_message(
        case_id,
        "consent_withdrawn",
        {
            "consent_withdrawn_scope": ["help"],
            "consent_withdrawn_on": "2026-01-05",
            "consent_withdrawn_from": ["iom"],
            "consent_still_agrees_to_help": True,
        },
        actor="ngo",
        agency="ngo",
    )
    (agree,) = [t for t in engine.case_tasks(case_id) if t.name == AGREE]
    assert agree.process_id == ESP  # what the pages used to show
    return case_id, agree.id


def summary_line(page: str) -> str:
    found = re.search(r'<p class="summary">(.*?)</p>', page, re.S)
    assert found is not None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[1]))


def test_an_event_sub_process_task_is_placed_in_its_sop_in_every_language(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    case_id, task_id = withdrawn_during_referral(web_engine)
    police = browser("police")
    for lang, name in SOP_2.items():
        police.post("/language", {"lang": lang, "next": "/inbox"})
        case_page = police.get(f"/cases/{case_id}").text
        for path in (f"/cases/{case_id}", f"/tasks/{task_id}", "/inbox", "/cases"):
            page = police.get(path).text
            assert not bare_keys(page), (lang, path, bare_keys(page))
            if path != "/inbox" and path != "/cases":
                assert name in summary_line(page), (lang, path)
        inbox = police.get("/inbox").text
        assert name in inbox and "Kalys" in inbox, lang
        # the diagram block marks the same SOP as where the case is now
        current = re.search(r'<details class="diagram" id="diagram-([a-z_]+)" open', case_page)
        assert current is not None and current[1] == "referral", lang
        # and its "the case is here now" list names the open task, linked to its shape
        assert 'href="#at-referral-task_referral_withdrawn_help">' in case_page, lang
        assert f'href="#at-referral-{ESP}">' not in case_page, lang


def test_every_event_sub_process_of_the_project_is_placed_in_a_named_sop(
    web_engine: Engine,
) -> None:
    """Not only the referral's: every task a user can get in any event sub-process (consent
    withdrawn or limited in each SOP, a hearing set in the proceedings…) is named by a SOP
    of the bundle that has a name in ru, ky and en."""
    from engine.db import read_session
    from forms.translate import Translator

    with read_session(web_engine.db) as session:
        bundle = web_engine.library.latest(session, "nrm_case").bundle
    esps = {pid for pid, _ in bundle.tasks if pid not in bundle.processes}
    assert {ESP, "esp_case_consent_withdrawn", "esp_hearing_scheduled"} <= esps
    for esp in esps:
        sop = bundle.sop_of(esp)
        assert sop in bundle.processes, esp
        for lang in ("ru", "ky", "en"):
            t = Translator(lang)
            assert not bare_keys(f"<p>{t.form(bundle.processes[sop].name)}</p>"), (esp, lang)
    assert bundle.sop_of("no_such_process") == "no_such_process"


def test_a_filter_by_sop_finds_the_case_whose_open_task_is_in_its_event_sub_process(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    """/cases?sop=referral matched a task's own process id only: after the withdrawal the
    case's one open task carries the sub-process's id and the case dropped out."""
    from api.services.inbox import held_by
    from engine.db import read_session

    case_id, _task_id = withdrawn_during_referral(web_engine)
    with read_session(web_engine.db) as session:
        held = held_by(web_engine, session, "referral")
        assert "referral" in held and ESP in held
        assert "esp_case_consent_withdrawn" not in held  # nrm_case's own
        assert held_by(web_engine, session, "no_such_sop") == ["no_such_sop"]
    police = browser("police")
    assert "Kalys" in police.get("/cases?sop=referral").text
    assert "Kalys" in police.get("/inbox?sop=referral").text
    assert "Kalys" not in police.get("/cases?sop=repatriation").text
