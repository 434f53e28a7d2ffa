"""A case drawn on its version: finished steps, open tasks and overdue ones coloured."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from engine.casediagram import overlay
from engine.casepath import CasePath
from engine.errors import UnknownProcessError
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from engine.views import TaskView

REPORT = {
    "detection_channel": "ngo_hotline",
    "detection_date": "2026-01-05",
    "detection_place": "Bishkek",
    "region": "chui",
    "exploitation_type": "labour",
    "exploitation_country": "RU",
    "pseudonym": "Aigul",
    "age": 24,
    "age_certainty": "documented",
    "sex": "female",
    "citizenship": "KG",
    "location": "in_kyrgyzstan",
    "language": "ky",
    "interpreter_needed": False,
    "immediate_danger": False,
    "medical_emergency": False,
}


def state_of(svg: str, element_id: str) -> str:
    """The overlay state of an element's group in a drawing ('' when none)."""
    match = re.search(rf'<g class="[^"]*?(state-[a-z]+)?" data-element-id="{element_id}">', svg)
    assert match is not None, element_id
    return match.group(1) or ""


def test_case_diagrams_draw_the_sop_the_case_is_in_first_then_its_own_process(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = make_test_engine()
    engine.deploy_library(deployed_by="test")
    case = engine.start_case("nrm_case", REPORT, agency="ngo", actor="ngo").case
    drawings = engine.case_diagrams(case.id)
    assert [(d.process_id, d.current, d.open) for d in drawings] == [
        ("identification", True, True),
        ("nrm_case", False, True),
    ]
    identification = drawings[0].svg
    assert state_of(identification, "start_identification") == "state-completed"
    assert state_of(identification, "task_safety") == "state-ready"
    assert state_of(identification, "task_screening") == ""
    assert engine.case_diagram(case.id, "identification") == identification
    assert engine.case_diagram(case.id) == drawings[1].svg
    with pytest.raises(UnknownProcessError):
        engine.case_diagram(case.id, "referral")


def test_a_called_sop_holding_an_overdue_task_is_overdue_where_it_is_called(
    make_test_engine: Callable[..., Engine], clock: FakeClock
) -> None:
    engine = make_test_engine()
    engine.deploy_library(deployed_by="test")
    case = engine.start_case("nrm_case", REPORT, agency="ngo", actor="ngo").case
    assert state_of(engine.case_diagram(case.id), "call_identification") == "state-ready"
    clock.advance(timedelta(days=60))
    drawings = {d.process_id: d for d in engine.case_diagrams(case.id)}
    assert state_of(drawings["identification"].svg, "task_safety") == "state-overdue"
    assert state_of(drawings["nrm_case"].svg, "call_identification") == "state-overdue"
    assert drawings["nrm_case"].overdue and drawings["identification"].overdue


def test_case_diagrams_name_elements_as_the_page_asks(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = make_test_engine()
    engine.deploy_library(deployed_by="test")
    case = engine.start_case("nrm_case", REPORT, agency="ngo", actor="ngo").case
    svg = engine.case_diagrams(case.id, names=str.upper, legend=False)[0].svg
    assert "CHECK SAFETY AND RISKS" in svg and "Check safety" not in svg
    assert "bpmn-legend" not in svg


def test_overlay_marks_open_tasks_past_their_deadline_overdue() -> None:
    now = datetime(2026, 1, 5, 9, tzinfo=UTC)
    path = CasePath(
        completed=frozenset({("p", "start"), ("other", "x")}),
        flows=frozenset({("p", "f1")}),
        open=frozenset({("p", "late"), ("p", "on_time")}),
    )

    def task(bpmn_id: str, due: datetime) -> TaskView:
        return TaskView(
            bpmn_id, "case", "NRM-1", "p", bpmn_id, bpmn_id, "police", None, None, "ready",
            now - timedelta(days=3), due, None, None, None,
        )  # fmt: skip

    tasks = [task("late", now - timedelta(minutes=1)), task("on_time", now + timedelta(hours=1))]
    assert overlay(path, "p", tasks, now) == {
        "start": "completed",
        "f1": "completed",
        "late": "overdue",
        "on_time": "ready",
    }
