"""What an event sub-process started by a message sees, and what it hands back.

- It sees the case as it stands, not as first reported: an age or a place corrected since
  (SpiffWorkflow would merge its process's first data over it).
- A non-interrupting one hands what it changed back to the main path when it ends, also
  into a process the main path is calling: a consent to the police report withdrawn before
  the proceedings start stops the registration. A change the main path made after it stays.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from engine.facade import Engine
from tests.conftest import fresh, open_names, task_id

FILES = (
    "br_consent.bpmn",
    "br_consent_split.bpmn",
    "br_help.bpmn",
    "br_report.schema.json",
    "br_note.schema.json",
    "br_help.schema.json",
    "br_consent_limited.schema.json",
)
REPORTED = {"pseudonym": "Aigul", "age": 30, "place": "Osh", "police_report": "agreed"}


@pytest.fixture
def engine(make_test_engine: Callable[..., Engine]) -> Engine:
    return make_test_engine(*FILES, folder="branches")


def complete(engine: Engine, case_id: str, name: str, data: dict[str, object]) -> None:
    engine.complete_task(task_id(engine, case_id, name), data, actor="s1", agency="social")


def limit_consent(engine: Engine, case_id: str) -> None:
    engine.deliver_message(
        case_id, "consent_limited", {"police_report": "refused"}, actor="s1", agency="social"
    )


def in_help(engine: Engine, police_report: str = "agreed") -> str:
    """A case whose report was corrected (a child, in Bishkek), now inside the called help."""
    reported = {**REPORTED, "police_report": police_report}
    case_id = engine.start_case("br_consent", reported, agency="social", actor="s1").case.id
    complete(engine, case_id, "Correct the report", {"age": 16, "place": "Bishkek"})
    assert open_names(engine, case_id) == ["Provide help"]
    return case_id


def test_the_event_sub_process_sees_the_corrected_report_not_the_first_one(
    engine: Engine,
) -> None:
    case_id = in_help(engine)
    limit_consent(fresh(engine), case_id)
    again = fresh(engine)
    confirm = task_id(again, case_id, "Confirm the limited consent")
    seen = again.task_data(case_id, confirm)
    assert (seen["age"], seen["place"]) == (16, "Bishkek")
    data = again.get_case(case_id).data
    # its script computed on the corrected values
    assert data["consent_limited_for_child"] is True
    assert data["consent_limited_place"] == "Bishkek"


def test_a_police_report_consent_withdrawn_while_help_runs_stops_the_registration(
    engine: Engine,
) -> None:
    case_id = in_help(engine)
    limit_consent(engine, case_id)
    complete(fresh(engine), case_id, "Confirm the limited consent", {"note": "by phone"})
    # the event sub-process ended while the main path was inside the called help
    complete(fresh(engine), case_id, "Provide help", {"help_given": "shelter"})
    again = fresh(engine)
    assert open_names(again, case_id) == ["Close the case"]
    data = again.get_case(case_id).data
    assert data["police_report"] == "refused"
    assert data["consent_limited"] is True
    assert data["help_given"] == "shelter"


def agreed_after_the_limit(engine: Engine) -> str:
    """A case whose consent was limited while help was given, and where she then agreed to
    the police report in the help's own form (after the withdrawal)."""
    case_id = in_help(engine, police_report="undecided")
    limit_consent(engine, case_id)
    complete(
        fresh(engine),
        case_id,
        "Provide help",
        {"help_given": "shelter", "police_report": "agreed"},
    )
    return case_id


def test_the_main_path_ends_first_and_keeps_its_later_answer(engine: Engine) -> None:
    """The process ends where both meet: the event sub-process, ending last, brings only what
    it changed, and of two changes of one field the later one stays."""
    case_id = agreed_after_the_limit(engine)
    complete(fresh(engine), case_id, "Register the crime", {"note": "registered"})
    assert open_names(fresh(engine), case_id) == ["Confirm the limited consent"]
    complete(fresh(engine), case_id, "Confirm the limited consent", {"note": "by phone"})
    closed = fresh(engine).get_case(case_id)
    assert closed.status == "completed"
    assert closed.data["police_report"] == "agreed"  # decided after the withdrawal
    assert closed.data["consent_limited"] is True
    assert closed.data["note"] == "by phone"  # written last
    assert (closed.data["help_given"], closed.data["age"]) == ("shelter", 16)


def test_what_the_main_path_changed_after_the_withdrawal_is_kept(engine: Engine) -> None:
    case_id = agreed_after_the_limit(engine)
    assert open_names(fresh(engine), case_id) == [
        "Confirm the limited consent",
        "Register the crime",
    ]
    complete(fresh(engine), case_id, "Confirm the limited consent", {"note": "by phone"})
    again = fresh(engine)
    register = task_id(again, case_id, "Register the crime")
    assert again.task_data(case_id, register)["police_report"] == "agreed"
    assert again.get_case(case_id).data["police_report"] == "agreed"
    complete(again, case_id, "Register the crime", {"note": "registered"})
    closed = fresh(engine).get_case(case_id)
    assert closed.status == "completed"
    assert closed.data["police_report"] == "agreed"
    assert closed.data["consent_limited"] is True


def test_a_later_answer_to_what_a_message_said_is_what_the_case_shows(engine: Engine) -> None:
    """The payload is not kept above the case data: a form answering the same field later
    is what the case, the next task and the gateways read."""
    case_id = in_help(engine)
    limit_consent(engine, case_id)
    complete(fresh(engine), case_id, "Confirm the limited consent", {"note": "by phone"})
    assert fresh(engine).get_case(case_id).data["police_report"] == "refused"
    # she agrees to the report again while the help is given
    complete(
        fresh(engine), case_id, "Provide help", {"help_given": "shelter", "police_report": "agreed"}
    )
    again = fresh(engine)
    assert open_names(again, case_id) == ["Register the crime"]
    register = task_id(again, case_id, "Register the crime")
    assert again.task_data(case_id, register)["police_report"] == "agreed"
    assert again.get_case(case_id).data["police_report"] == "agreed"


def test_an_answer_given_anew_after_the_hand_back_survives_the_join(engine: Engine) -> None:
    """The withdrawal reaches both branches; one of them then records that she agrees again
    (the value the case had before): the join keeps that answer, not the other branch's copy
    of the withdrawal."""
    case_id = engine.start_case("br_consent_split", REPORTED, agency="social", actor="s1").case.id
    complete(engine, case_id, "Correct the report", {"age": 16, "place": "Bishkek"})
    assert open_names(engine, case_id) == ["Plan safety", "Provide help"]
    limit_consent(fresh(engine), case_id)
    assert fresh(engine).get_case(case_id).data["police_report"] == "refused"
    complete(
        fresh(engine), case_id, "Provide help", {"help_given": "shelter", "police_report": "agreed"}
    )
    assert fresh(engine).get_case(case_id).data["police_report"] == "agreed"
    complete(fresh(engine), case_id, "Plan safety", {"note": "safe house"})
    again = fresh(engine)
    assert open_names(again, case_id) == ["Register the crime"]
    assert again.get_case(case_id).data["police_report"] == "agreed"
