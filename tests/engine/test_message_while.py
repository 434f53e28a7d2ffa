"""A message catch event that waits only while its process instance's data says so
(`messageWhile`, engine/spiff/messages.py): a process called from several places catches in
one of them and leaves the message to its caller in the others."""

from __future__ import annotations

from collections.abc import Callable

from engine.definitions import MessageInfo
from engine.facade import Engine
from tests.engine.test_messages import FILES, WITHDRAWN, codes, edited, files, report_of, start

WHILE_AT = '<spiffworkflow:property name="messageSenders" value="social ngo" />'


def while_engine(make_test_engine: Callable[..., Engine], value: str) -> Engine:
    """The fixture processes, with the called process's withdrawal catcher waiting only
    `messageWhile=value`."""
    child = edited(
        "msg_child.bpmn",
        WHILE_AT,
        WHILE_AT + f'<spiffworkflow:property name="messageWhile" value="{value}" />',
    )
    engine = make_test_engine()
    rest = [f for f in files(*FILES) if f.name != "msg_child.bpmn"]
    engine.deploy([child, *rest], deployed_by="test")
    return engine


def test_a_catcher_whose_while_does_not_hold_leaves_the_message_to_the_caller(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = while_engine(make_test_engine, "pseudonym=Bermet Dinara")
    case_id = start(engine)  # Aigul: the called process does not catch the withdrawal
    awaited = {m.name: m for m in engine.awaited_messages(case_id)}
    assert awaited["consent_withdrawn"].process_id != "esp_withdrawn"
    result = engine.deliver_message(
        case_id, "consent_withdrawn", WITHDRAWN, actor="s1", agency="social"
    )
    assert "Settle the withdrawal" not in [t.name for t in result.opened]


def test_a_catcher_whose_while_holds_catches_as_the_innermost(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = while_engine(make_test_engine, "pseudonym=Aigul")
    case_id = start(engine)
    assert {m.name: m.process_id for m in engine.awaited_messages(case_id)}[
        "consent_withdrawn"
    ] == "esp_withdrawn"


def test_a_while_with_a_yes_or_no_field_reads_true_and_false() -> None:
    info = MessageInfo("p", "e", "m", "t", ("ngo",), None, "catch", False)
    at_home = MessageInfo(
        "p",
        "e",
        "m",
        "t",
        ("ngo",),
        None,
        "catch",
        False,
        while_field="home",
        while_codes=("true",),
    )
    assert info.waits_with({}) and at_home.waits_with({"home": True})
    assert not at_home.waits_with({"home": False}) and not at_home.waits_with({})


def test_message_while_must_name_a_field_and_a_code() -> None:
    for value in ("pseudonym", "=Aigul", "pseudonym="):
        bad = edited(
            "msg_child.bpmn",
            WHILE_AT,
            WHILE_AT + f'<spiffworkflow:property name="messageWhile" value="{value}" />',
        )
        assert [c for c, _ in codes(report_of(bad))] == ["message-while"], value
