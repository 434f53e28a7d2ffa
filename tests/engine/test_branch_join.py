"""Parallel and inclusive joins merge their branches three ways: against the data where they
split, each branch brings what it changed, and of two changes of one field the later one
wins. SpiffWorkflow kept the copy of the branch that arrived last, so a branch carrying an
older copy put back a value the other branch had changed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from engine.facade import Engine
from engine.spiff.branches import merge
from tests.conftest import fresh, open_names, task_id

FILES = (
    "br_split.bpmn",
    "br_choice.bpmn",
    "br_note.schema.json",
    "br_safety.schema.json",
    "br_plan.schema.json",
)
REPORTED = {"pseudonym": "Aigul", "age": 30, "danger": False, "contacts": {"phone": "555"}}


@pytest.fixture
def engine(make_test_engine: Callable[..., Engine]) -> Engine:
    return make_test_engine(*FILES, folder="branches")


def complete(engine: Engine, case_id: str, name: str, data: dict[str, object]) -> None:
    fresh(engine).complete_task(task_id(engine, case_id, name), data, actor="s1", agency="social")


def start(engine: Engine, process: str = "br_split") -> str:
    return engine.start_case(process, REPORTED, agency="social", actor="s1").case.id


def after_join(engine: Engine, case_id: str, name: str = "Close the case") -> dict[str, object]:
    """The data the task after the join works on, and the case data: the same here."""
    again = fresh(engine)
    seen = again.task_data(case_id, task_id(again, case_id, name))
    assert again.get_case(case_id).data == {**seen, **again.get_case(case_id).data}
    return seen


def test_a_branch_arriving_last_does_not_put_back_what_the_other_changed(
    engine: Engine,
) -> None:
    case_id = start(engine)
    complete(engine, case_id, "Check safety", {"danger": True})
    complete(engine, case_id, "Confirm safety", {"note": "police informed"})
    # the plan's branch still carries danger = False from the split, and arrives last
    complete(engine, case_id, "Plan help", {"help_plan": "shelter"})
    seen = after_join(engine, case_id)
    assert seen["danger"] is True
    assert (seen["help_plan"], seen["note"], seen["age"]) == ("shelter", "police informed", 30)


def test_of_two_changes_of_one_field_the_later_wins_not_the_later_arrival(
    engine: Engine,
) -> None:
    case_id = start(engine)
    complete(engine, case_id, "Check safety", {"danger": False, "age": 17})
    complete(engine, case_id, "Plan help", {"help_plan": "shelter", "age": 16})
    # the safety branch arrives last, but its age was recorded before the plan's
    complete(engine, case_id, "Confirm safety", {"note": "checked"})
    assert after_join(engine, case_id)["age"] == 16


def test_the_later_change_wins_in_the_other_order_too(engine: Engine) -> None:
    case_id = start(engine)
    complete(engine, case_id, "Plan help", {"help_plan": "shelter", "age": 16})
    complete(engine, case_id, "Check safety", {"danger": False, "age": 17})
    complete(engine, case_id, "Confirm safety", {"note": "checked"})
    assert after_join(engine, case_id)["age"] == 17


def test_objects_are_merged_field_by_field(engine: Engine) -> None:
    case_id = start(engine)
    complete(engine, case_id, "Check safety", {"danger": False, "contacts": {"phone": "777"}})
    complete(engine, case_id, "Confirm safety", {"note": "checked"})
    complete(
        engine, case_id, "Plan help", {"help_plan": "shelter", "contacts": {"email": "a@b.kg"}}
    )
    contacts = after_join(engine, case_id)["contacts"]
    # the plan's copy still held the old phone; the safety check changed it
    assert contacts == {"phone": "777", "email": "a@b.kg"}


def test_an_inclusive_join_merges_before_it_chooses_its_way(engine: Engine) -> None:
    case_id = start(engine, "br_inclusive")
    assert open_names(engine, case_id) == ["Check safety", "Plan help"]
    complete(engine, case_id, "Check safety", {"danger": True})
    complete(engine, case_id, "Plan help", {"help_plan": "shelter"})
    # the join's condition reads the danger the other branch recorded
    assert open_names(fresh(engine), case_id) == ["Move to a safe place"]
    seen = after_join(engine, case_id, "Move to a safe place")
    assert (seen["danger"], seen["help_plan"]) == (True, "shelter")


def test_the_merge_rule() -> None:
    base = {"a": 1, "b": {"x": 1, "y": 1}, "c": [1], "gone": 0}
    first = {"a": (2.0, 5), "b": (2.0, {"x": 2, "y": 1}), "new": (1.0, "n")}
    second = {"a": (1.0, 9), "b": (3.0, {"x": 1, "y": 3}), "c": (4.0, [2])}
    merged = merge(base, [first, second])
    assert merged == {"a": 5, "b": {"x": 2, "y": 3}, "c": [2], "gone": 0, "new": "n"}
    assert base == {"a": 1, "b": {"x": 1, "y": 1}, "c": [1], "gone": 0}


def test_the_case_shows_an_answer_while_its_branch_waits_at_the_join(engine: Engine) -> None:
    case_id = start(engine)
    complete(engine, case_id, "Plan help", {"help_plan": "shelter", "age": 16})
    # the plan's branch waits at the join; the safety branch's open task still holds 30
    assert fresh(engine).get_case(case_id).data["age"] == 16
    complete(engine, case_id, "Check safety", {"danger": True})
    data = fresh(engine).get_case(case_id).data
    assert (data["age"], data["danger"], data["help_plan"]) == (16, True, "shelter")
