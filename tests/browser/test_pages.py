"""The issue's browser scenario, the language switch, a phone-sized screen, the keyboard,
and screenshots of the main pages (tests/artifacts/)."""

from __future__ import annotations

from typing import Any

import pytest

from engine.views import StepResult
from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.forms.conftest import CONSENT, REPORT, SAFETY

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


def case_at_screening(server: LiveServer, pseudonym: str) -> StepResult:
    """A case the NGO reported, safety and consent done: the NGO screens indicators next."""
    engine = server.engine
    step = engine.start_case(
        "nrm_case", {**REPORT, "pseudonym": pseudonym}, agency="ngo", actor="ngo"
    )
    step = engine.complete_task(step.opened[0].id, SAFETY, actor="ngo", agency="ngo")
    return engine.complete_task(step.opened[0].id, CONSENT, actor="ngo", agency="ngo")


def open_task_of(page: Any, case_number: str) -> None:
    """Click the inbox entry of a case's task and wait for its form to have loaded (a key
    pressed earlier would go to the inbox page)."""
    entry = page.locator("li.task", has=page.locator(f"text={case_number}"))
    entry.locator("h2 a").click()
    page.wait_for_url("**/tasks/*")
    page.wait_for_load_state("load")


def test_ngo_completes_screening_after_one_error_and_records_reasonable_grounds_next(
    new_page: Any, live_server: LiveServer
) -> None:
    number = case_at_screening(live_server, "Nazgul").case.number
    ngo = new_page()
    ngo.goto("/login")
    screenshot(ngo, "login")
    sign_in(ngo, "ngo")
    assert ngo.locator("h1").inner_text() == "Входящие задачи"
    screenshot(ngo, "inbox")
    open_task_of(ngo, number)
    assert ngo.locator("h1").inner_text() == "Проверка индикаторов"
    ngo.fill("#f-screening_date", "2026-01-05")
    ngo.check("#f-screening_act")
    ngo.check("#f-screening_means")
    ngo.check("input[name=screening_act_forms][value=recruitment]")
    ngo.fill("#f-screening_notes", "Паспорт забрал работодатель")
    ngo.click("button[value=submit]")  # purpose left unanswered
    purpose = ngo.locator("#field-screening_purpose")
    assert "Ответьте на этот вопрос." in purpose.inner_text()
    assert ngo.input_value("#f-screening_notes") == "Паспорт забрал работодатель"
    assert ngo.input_value("#f-screening_date") == "2026-01-05"
    assert ngo.is_checked("#f-screening_act") and ngo.is_checked("#f-screening_means")
    assert ngo.is_checked("input[name=screening_act_forms][value=recruitment]")
    screenshot(ngo, "task-with-error")
    ngo.check("#f-screening_purpose")
    ngo.click("button[value=submit]")
    ngo.wait_for_url("**/inbox")
    next_step = "Зафиксировать разумные основания и сообщить лицу — НКО / кризисный центр"
    assert next_step in ngo.locator(".notice").inner_text()  # help starts at reasonable grounds
    assert ngo.locator("li.task", has=ngo.locator(f"text={number}")).count() == 1
    open_task_of(ngo, number)
    assert ngo.locator("h1").inner_text() == "Зафиксировать разумные основания и сообщить лицу"
    ngo.click("text=" + number)
    ngo.wait_for_url("**/cases/*")
    assert ngo.locator("details.diagram svg").count() >= 2
    screenshot(ngo, "case")


def test_language_switch_translates_the_interface_and_keeps_the_choice(
    new_page: Any, live_server: LiveServer
) -> None:
    del live_server
    page = new_page()
    sign_in(page, "ngo")
    page.click("button[name=lang][value=en]")
    assert page.locator("h1").inner_text() == "Inbox"
    page.click("nav >> text=Cases")
    assert page.locator("h1").inner_text() == "Cases"
    page.click("button[name=lang][value=ky]")
    assert page.locator("h1").inner_text() == "Иштер"
    assert page.locator("html").get_attribute("lang") == "ky"
    screenshot(page, "cases-ky")
    page.click("button[name=lang][value=ru]")
    assert page.locator("h1").inner_text() == "Случаи"


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_phone_screen_needs_no_horizontal_scrolling(new_page: Any, live_server: LiveServer) -> None:
    number = case_at_screening(live_server, "Cholpon").case.number
    phone = new_page(360, 740)
    phone.goto("/login")
    assert no_horizontal_scroll(phone)
    sign_in(phone, "ngo")
    assert no_horizontal_scroll(phone)
    screenshot(phone, "phone-inbox")
    open_task_of(phone, number)
    assert no_horizontal_scroll(phone)
    screenshot(phone, "phone-task")
    phone.click("p.crumbs >> text=" + number)
    phone.wait_for_url("**/cases/*")
    assert no_horizontal_scroll(phone)
    phone.goto("/report")
    assert no_horizontal_scroll(phone)
    screenshot(phone, "phone-report")


def test_keyboard_reaches_every_field_and_the_submit_button_in_order(
    new_page: Any, live_server: LiveServer
) -> None:
    number = case_at_screening(live_server, "Aijan").case.number
    page = new_page()
    sign_in(page, "ngo")
    open_task_of(page, number)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    seen: list[str] = []
    for _ in range(300):  # the screening form has many optional fields
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.id || document.activeElement.value"))
        if seen[-1] == "submit":
            break
    assert seen[-1] == "submit"
    assert seen.index("f-screening_date") < seen.index("f-screening_act") < seen.index("submit")


def test_screenshots_of_the_report_library_and_scenarios_pages(
    new_page: Any, live_server: LiveServer
) -> None:
    del live_server
    page = new_page()
    sign_in(page, "ngo")
    page.goto("/report")
    assert page.locator("h1").inner_text() == "Сообщить о предполагаемой жертве"
    screenshot(page, "report")
    staff = new_page()
    sign_in(staff, "policy")
    assert staff.locator("h1").inner_text() == "Библиотека процессов"
    screenshot(staff, "library", full_page=False)
    reviewer = new_page()
    sign_in(reviewer, "reviewer")
    assert reviewer.locator("h1").inner_text() == "Сценарии"
    screenshot(reviewer, "scenarios", full_page=False)
