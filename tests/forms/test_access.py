"""Who sees which page: another agency's task or case, roles without casework, staff pages."""

from __future__ import annotations

import pytest

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser, report_case, to_screening


def test_another_agency_gets_a_forbidden_page_for_a_task(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task = to_screening(web_engine).opened[0]
    response = browser("police").get(f"/tasks/{task.id}")
    assert response.status_code == 403
    assert "Эта задача относится к другому ведомству." in response.text
    assert browser("police").post(f"/tasks/{task.id}/claim").status_code == 403


def test_unknown_task_and_case_are_not_found_pages(browser: OpenBrowser) -> None:
    b = browser("ngo")
    assert b.get("/tasks/nope").status_code == 404
    response = b.get("/cases/nope")
    assert response.status_code == 404 and "Такого случая нет." in response.text


def test_case_of_an_agency_taking_no_part_is_forbidden(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    case = report_case(web_engine).case
    response = browser("iom").get(f"/cases/{case.id}")
    assert response.status_code == 403
    assert "Ваше ведомство не участвует в этом случае." in response.text


@pytest.mark.parametrize("path", ["/inbox", "/cases", "/report"])
def test_reviewer_sees_no_casework_pages(browser: OpenBrowser, path: str) -> None:
    assert browser("reviewer").get(path).status_code == 403


def test_reviewer_cannot_open_a_case(browser: OpenBrowser, web_engine: Engine) -> None:
    case = report_case(web_engine).case
    assert browser("reviewer").get(f"/cases/{case.id}").status_code == 403


def test_staff_pages_by_role(browser: OpenBrowser) -> None:
    policy, reviewer, ngo = browser("policy"), browser("reviewer"), browser("ngo")
    assert policy.get("/").headers["location"] == "/library"
    assert policy.get("/library").status_code == 200
    assert reviewer.get("/").headers["location"] == "/scenarios"
    assert reviewer.get("/scenarios").status_code == 200
    assert ngo.get("/library").status_code == 403
    assert ngo.get("/scenarios").status_code == 403
    assert browser("rapporteur").get("/").headers["location"] == "/statistics"


def test_report_page_is_for_first_responders_only(browser: OpenBrowser) -> None:
    assert browser("ngo").get("/report", follow_redirects=True).status_code == 200
    response = browser("prosecutor").get("/report", follow_redirects=True)
    assert response.status_code == 403
    assert "Сообщить о предполагаемой жертве" not in browser("prosecutor").get("/inbox").text
