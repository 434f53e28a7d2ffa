"""The summary kept in each case's row (issue 18, inbox cost): the inbox, the case list and a
pseudonym search read it and restore no workflow; a case stored before the column existed
is still summarised and found, from its workflow, until its next step."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session

from engine.facade import Engine
from engine.models import Case
from tests.forms.conftest import OpenBrowser, report_case


def kept_summary(engine: Engine, case_id: str) -> dict[str, Any]:
    with Session(engine.db) as session:
        case = session.get(Case, case_id)
        assert case is not None and case.summary is not None
        found: dict[str, Any] = json.loads(case.summary)
        return found


def test_every_step_keeps_the_case_summary_in_its_row(web_engine: Engine) -> None:
    step = report_case(web_engine, pseudonym="Айгуль", region="osh_city", age=15)
    assert kept_summary(web_engine, step.case.id) == {
        "age": 15,
        "immediate_danger": False,
        "key": "айгуль",
        "presumed_child": True,
        "pseudonym": "Айгуль",
        "region": "osh_city",
    }
    web_engine.complete_task(
        step.opened[0].id,
        {
            "immediate_danger": True,
            "medical_emergency": False,
            "risk_trafficker_contact": False,
            "risk_retrafficking": "low",
        },
        actor="ngo",
        agency="ngo",
    )
    kept = kept_summary(web_engine, step.case.id)
    assert kept["immediate_danger"] is True
    # The child-protection task opened beside the safety check holds the data as it was then:
    # completing it after the safety check does not put the old answer back.
    notification = next(t for t in step.opened if t.agency == "child_protection")
    web_engine.complete_task(
        notification.id,
        {
            "child_notification_date": "2026-01-05",
            "child_protection_officer": "Officer",
            "child_unaccompanied": True,
            "child_guardian_name": "Guardian",
            "child_guardian_relation": "parent",
            "child_parent_suspected": False,
            "child_views": "Wants to stay with her aunt.",
        },
        actor="child_protection",
        agency="child_protection",
    )
    assert kept_summary(web_engine, step.case.id)["immediate_danger"] is True
    assert web_engine.get_case(step.case.id).data["immediate_danger"] is True


def test_lists_and_search_restore_no_workflow(
    web_engine: Engine, browser: OpenBrowser, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = [report_case(web_engine, pseudonym=f"Айгуль-{i}").case for i in range(3)]
    ngo = browser("ngo")

    def no_workflow(case_id: str) -> None:
        raise AssertionError(f"case {case_id}'s workflow restored for a list")

    monkeypatch.setattr(web_engine, "get_case", no_workflow)
    assert all(f"Айгуль-{i}" in ngo.get("/cases").text for i in range(3))
    assert "Айгуль-1" in ngo.get("/inbox").text
    found = ngo.get("/cases?q=%D0%B0%D0%B9%D0%B3%D1%83%D0%BB%D1%8C-1").text  # "айгуль-1"
    assert cases[1].number in found and cases[0].number not in found


def test_a_case_without_a_kept_summary_is_still_summarised_and_found(
    web_engine: Engine, browser: OpenBrowser
) -> None:
    old = report_case(web_engine, pseudonym="Cholpon").case
    with Session(web_engine.db) as session:
        session.execute(text("UPDATE nrm_case SET summary = NULL WHERE id = :id"), {"id": old.id})
        session.commit()
    ngo = browser("ngo")
    assert "Cholpon" in ngo.get("/cases").text
    assert old.number in ngo.get("/cases?q=cholp").text
