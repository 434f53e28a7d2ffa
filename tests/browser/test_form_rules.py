"""Faults 3, 5 and 11 of issue 18 in a real browser: a field an answer makes required gets
its asterisk when that answer is chosen; a country is picked by its name (kept as its code);
dates that disagree are refused naming both fields."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]


def test_the_consent_date_gets_its_asterisk_once_receivers_are_chosen(
    new_page: Any, live_server: LiveServer
) -> None:
    data = {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False}
    step = live_server.engine.start_case("referral", data, agency="police", actor="police")
    page = new_page()
    sign_in(page, "police")
    page.goto(f"/tasks/{step.opened[0].id}")
    mark = page.locator("#field-referral_consent_date .req")
    label = page.locator("#field-referral_consent_date").inner_text()
    assert "обязательно, если дан ответ" in label
    assert not mark.is_visible()
    page.check("input[name=referral_consent_receivers][value=ngo]")
    assert mark.is_visible()
    assert page.get_attribute("#f-referral_consent_date", "aria-required") == "true"
    page.uncheck("input[name=referral_consent_receivers][value=ngo]")
    assert not mark.is_visible()
    assert page.get_attribute("#f-referral_consent_date", "aria-required") is None


def test_countries_are_picked_by_name_and_dates_that_disagree_are_refused(
    new_page: Any, live_server: LiveServer
) -> None:
    del live_server
    page = _report(new_page, "Picker")
    page.select_option("#f-citizenship", label="Узбекистан")
    page.select_option("#f-exploitation_country", label="Россия")
    page.select_option("#f-language", label="узбекский")
    page.fill("#f-exploitation_period_from", "2025-06-01")
    page.fill("#f-exploitation_period_to", "2025-05-01")
    _send_refused(page)
    said = page.locator("#error-summary").inner_text()
    assert "Эксплуатация по: Дата не может быть раньше, чем «Эксплуатация с»." in said
    assert page.locator("#f-citizenship").input_value() == "UZ"
    screenshot(page, "report-rules-error", full_page=False)


def test_an_unanswered_citizenship_question_carries_its_own_error_and_its_link_focuses_it(
    new_page: Any, live_server: LiveServer
) -> None:
    del live_server
    page = _report(new_page, "Question")
    _send_refused(page)
    group = page.locator("#field-citizenship_status [role=radiogroup]")
    assert group.get_attribute("aria-invalid") == "true"
    assert "от ответа зависит «Гражданство»" in page.locator("#err-citizenship_status").inner_text()
    assert page.get_attribute("#f-citizenship", "aria-invalid") is None
    assert page.locator("#err-citizenship").count() == 0
    page.click("#error-summary a[href='#f-citizenship_status']")
    assert page.evaluate("document.activeElement.name") == "citizenship_status"
    screenshot(page, "report-citizenship-question", full_page=False)


def _report(new_page: Any, pseudonym: str) -> Any:
    """The report form of an NGO caseworker, a pseudonym typed."""
    page = new_page()
    page.set_default_timeout(30_000)  # the report's long page, on a busy machine
    sign_in(page, "ngo")
    page.goto("/report")
    page.fill("#f-pseudonym", pseudonym)
    return page


def _send_refused(page: Any) -> None:
    """Send the report and wait for the refusal's error summary."""
    page.click("button.primary")
    page.wait_for_selector("#error-summary")


def test_a_follow_up_shows_once_its_answer_is_chosen_and_leaving_typed_answers_asks(
    new_page: Any, live_server: LiveServer
) -> None:
    """Pages review 3, P3-15 and P3-13: "Why was she not told?" stays hidden until "No" is
    chosen; leaving the form with answers typed asks first."""
    from tests.forms.conftest import REPORT
    from tests.forms.driving import drive_until

    engine = live_server.engine
    case_id = engine.start_case("nrm_case", REPORT, agency="ngo", actor="ngo").case.id
    task = drive_until(engine, None, case_id, "identification_decision.schema.json")
    page = new_page()
    sign_in(page, "police")
    page.goto(f"/tasks/{task.id}")
    told = page.locator("#field-status_decision_person_told")
    reason = page.locator("#field-status_decision_not_told_reason")
    assert not told.is_visible() and not reason.is_visible()  # asked once she is confirmed
    page.check("input[name=identification_decision][value=confirmed]")
    assert told.is_visible() and not reason.is_visible()
    page.check("input[name=status_decision_person_told][value=false]")
    assert reason.is_visible()
    page.check("input[name=status_decision_person_told][value=true]")
    assert not reason.is_visible()
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.fill("#f-identification_decision_officer", "Inspector A.")
    page.click("a[href='/inbox']")
    assert asked == ["beforeunload"]
    screenshot(page, "task-follow-up-hidden", full_page=False)
