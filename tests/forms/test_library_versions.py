"""A process's page in the library: the difference between two versions, and the open cases
on an older version moved to the newest (preview for reviewers, the move for policy staff)."""

from __future__ import annotations

from sqlmodel import Session, select

from engine.facade import Engine
from engine.models import AuditEvent, Case
from tests.forms.conftest import OpenBrowser
from tests.library import renamed_accept_task

REFERRAL = {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False}


def start_referral(engine: Engine) -> str:
    """An open referral case on version 1; its number."""
    return engine.start_case("referral", REFERRAL, agency="police", actor="police").case.number


def deploy_v2(engine: Engine) -> None:
    """Version 2 of referral: the receiver's task renamed, ids kept."""
    engine.deploy(engine.candidate([renamed_accept_task()]), deployed_by="policy")


def test_library_links_each_process_to_its_versions_page(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    del web_engine
    library = browser("reviewer").get("/library").text
    assert '<a href="/library/referral">Версии, различия и перенос случаев</a>' in library


def test_process_page_shows_what_changed_between_two_versions(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    reviewer = browser("reviewer")
    single = reviewer.get("/library/referral").text
    assert "Развёрнута только одна версия" in single
    deploy_v2(web_engine)
    page = reviewer.get("/library/referral").text
    assert "Версия 1 → версия 2" in page
    changed = page[page.index("<h3>Изменены</h3>") :]
    assert "<code>task_accept</code>" in changed and "<td>name</td>" in changed
    assert '<option value="1" selected>' in page
    same = reviewer.get("/library/referral?from=2&to=2").text
    assert "Элементы и формы не изменились." not in same  # no comparison of a version with itself
    assert reviewer.get("/library/referral?from=1&to=9").status_code == 404
    assert reviewer.get("/library/nowhere").status_code == 404


def test_reviewer_sees_which_cases_can_move_and_cannot_move_them(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    number = start_referral(web_engine)
    deploy_v2(web_engine)
    page = browser("reviewer").get("/library/referral").text
    section = page[page.index('<section id="migration"') :]
    assert "Открытые случаи на старых версиях → версия 2" in section
    assert number in section and "Можно перенести: 1 из 1" in section
    assert "Подготовить перенаправление <code>task_compile</code>" in section  # named
    assert 'name="case_ids"' not in section and "Перенести выбранные" not in section


def test_policy_moves_the_chosen_cases_to_the_newest_version_audited(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    number = start_referral(web_engine)
    deploy_v2(web_engine)
    policy = browser("policy")
    page = policy.get("/library/referral").text
    assert 'type="checkbox" name="case_ids"' in page
    with Session(web_engine.db) as session:
        case = session.exec(select(Case).where(Case.number == number)).one()
    none = policy.post("/library/referral/migration", {"to": "2"})
    assert none.status_code == 422 and "Выберите хотя бы один случай" in none.text
    moved = policy.post("/library/referral/migration", {"to": "2", "case_ids": [case.id]})
    assert moved.status_code == 303
    done = policy.get(moved.headers["location"]).text
    assert "Перенесено случаев: 1, теперь на версии 2" in done and number in done
    assert "Открытых случаев на старых версиях нет." in done
    with Session(web_engine.db) as session:
        actions = session.exec(select(AuditEvent.action)).all()
    assert "case.migrated" in actions
    again = policy.post("/library/referral/migration", {"to": "2", "case_ids": [case.id]})
    assert again.status_code == 409 and "Перенос отклонён" in again.text and number in again.text
    reviewer = browser("reviewer").post(
        "/library/referral/migration", {"to": "2", "case_ids": [case.id]}
    )
    assert reviewer.status_code == 403
