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


def test_case_diagrams_draw_the_case_process_then_the_called_ones(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = make_test_engine()
    engine.deploy_library(deployed_by="test")
    case = engine.start_case("nrm_case", REPORT, agency="ngo", actor="ngo").case
    drawings = engine.case_diagrams(case.id)
    assert [d.process_id for d in drawings] == ["nrm_case", "identification"]
    identification = drawings[1].svg
    assert state_of(identification, "start_identification") == "state-completed"
    assert state_of(identification, "task_safety") == "state-ready"
    assert state_of(identification, "task_screening") == ""
    assert engine.case_diagram(case.id, "identification") == identification
    with pytest.raises(UnknownProcessError):
        engine.case_diagram(case.id, "referral")


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
