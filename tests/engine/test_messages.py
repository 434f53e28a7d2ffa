"""Messages from outside delivered to a waiting case (engine/spiff/messages.py): validation of
message catch events, who receives a message, refusals that change nothing, payload, audit."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from sqlmodel import Session, select

from engine.definitions import MessageInfo
from engine.errors import (
    ErrorReport,
    InvalidDataError,
    MessageNotAwaitedError,
    NotMessageSenderError,
)
from engine.facade import Engine
from engine.models import AuditEvent, Case, CaseFact
from engine.sources import SourceFile
from engine.spiff.messages import Catcher, receivers
from engine.validation import validate_files
from tests.conftest import fixture_files, fresh

FILES = (
    "msg_parent.bpmn",
    "msg_child.bpmn",
    "msg_documents.schema.json",
    "msg_refusal.schema.json",
    "msg_withdrawal.schema.json",
    "simple_note.schema.json",
)
DOCUMENTS = {"document_number": "AN 123456", "issued_on": "2026-01-06", "document_kind": "passport"}
WITHDRAWN = {"withdrawn_on": "2026-01-05"}


def files(*names: str) -> list[SourceFile]:
    return fixture_files(*names, folder="messages")


def edited(name: str, old: str, new: str) -> SourceFile:
    """A fixture diagram with one piece of text changed."""
    source = files(name)[0]
    text = source.content.decode() if isinstance(source.content, bytes) else source.content
    assert old in text
    changed = text.replace(old, new, 1)
    return SourceFile(name, changed.encode() if isinstance(source.content, bytes) else changed)


def report_of(*sources: SourceFile) -> ErrorReport:
    names = {s.name for s in sources}
    rest = [f for f in files(*FILES) if f.name not in names]
    report, _ = validate_files([*sources, *rest])
    return report


def codes(report: ErrorReport) -> list[tuple[str, str | None]]:
    return [(p.code, p.element_id) for p in report.errors]


@pytest.fixture
def engine(make_test_engine: Callable[..., Engine]) -> Engine:
    return make_test_engine(*FILES, folder="messages")


def start(engine: Engine) -> str:
    return engine.start_case(
        "msg_parent", {"pseudonym": "Aigul"}, agency="social", actor="s1"
    ).case.id


def open_names(engine: Engine, case_id: str) -> list[str]:
    return sorted(t.name for t in engine.case_tasks(case_id))


def task(engine: Engine, case_id: str, name: str) -> str:
    return next(t.id for t in engine.case_tasks(case_id) if t.name == name)


def version_of(engine: Engine, case_id: str) -> int:
    with Session(engine.db) as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.version


# --- validation ---------------------------------------------------------------------------


def test_the_fixture_diagrams_validate() -> None:
    assert codes(report_of()) == []


def test_a_message_catch_event_without_senders_is_refused_with_its_line() -> None:
    source = edited(
        "msg_child.bpmn",
        '<spiffworkflow:property name="messageSenders" value="consular" />\n'
        "          "
        '<spiffworkflow:property name="messageSchema" value="msg_documents.schema.json" />',
        "",
    )
    report = report_of(source)
    assert codes(report) == [("no-sender", "c_wait_docs")]
    problem = report.errors[0]
    assert problem.file == "msg_child.bpmn"
    text = source.content.decode() if isinstance(source.content, bytes) else source.content
    lines = text.splitlines()
    assert 'id="c_wait_docs"' in lines[(problem.line or 0) - 1]
    assert "messageSenders" in (problem.fix or "")


def test_a_message_with_senders_needs_a_schema_that_exists_and_known_senders() -> None:
    no_schema = edited(
        "msg_child.bpmn",
        '<spiffworkflow:property name="messageSchema" value="msg_documents.schema.json" />',
        "",
    )
    assert codes(report_of(no_schema)) == [("message-schema", "c_wait_docs")]
    missing = edited("msg_child.bpmn", "msg_documents.schema.json", "msg_nowhere.schema.json")
    assert codes(report_of(missing)) == [("form-missing", "c_wait_docs")]
    unknown = edited(
        "msg_child.bpmn",
        'name="messageSenders" value="consular"',
        'name="messageSenders" value="embassy"',
    )
    assert codes(report_of(unknown)) == [("message-sender-unknown", "c_refused")]


def test_a_process_cannot_start_from_a_message() -> None:
    source = edited(
        "msg_parent.bpmn",
        '<bpmn:startEvent id="p_start"><bpmn:outgoing>pf1</bpmn:outgoing></bpmn:startEvent>',
        '<bpmn:startEvent id="p_start"><bpmn:outgoing>pf1</bpmn:outgoing>'
        '<bpmn:messageEventDefinition id="med_start" messageRef="message_withdrawn" />'
        "</bpmn:startEvent>",
    )
    assert ("message-start", "p_start") in codes(report_of(source))


# --- delivery -----------------------------------------------------------------------------


def test_a_case_lists_what_it_waits_for_innermost_first(engine: Engine) -> None:
    case_id = start(engine)
    awaited = {m.name: m for m in engine.awaited_messages(case_id)}
    assert sorted(awaited) == ["consent_withdrawn", "documents_refused"]
    # The called process serves the person now: its event sub-process receives it.
    assert awaited["consent_withdrawn"].process_id == "esp_withdrawn"
    assert awaited["consent_withdrawn"].senders == ("ngo", "social")
    assert awaited["documents_refused"].senders == ("consular",)
    assert awaited["documents_refused"].schema == "msg_refusal.schema.json"
    assert awaited["documents_refused"].title == "Documents refused"


def test_the_awaited_message_arrives_and_the_case_moves_on(engine: Engine) -> None:
    case_id = start(engine)
    engine.complete_task(
        task(engine, case_id, "Request travel documents"), {}, actor="c1", agency="consular"
    )
    assert "travel_documents_issued" in [m.name for m in engine.awaited_messages(case_id)]
    assert open_names(engine, case_id) == []
    result = fresh(engine).deliver_message(
        case_id, "travel_documents_issued", DOCUMENTS, actor="c1", agency="consular"
    )
    assert [t.name for t in result.opened] == ["Organise travel"]
    assert result.case.data["document_number"] == "AN 123456"
    again = fresh(engine)
    assert again.get_case(case_id).data["issued_on"] == "2026-01-06"
    with Session(engine.db) as session:
        event = session.exec(
            select(AuditEvent).where(AuditEvent.action == "message.delivered")
        ).one()
        facts = session.exec(select(CaseFact).where(CaseFact.case_id == case_id)).all()
    assert (event.actor, event.agency, event.case_id) == ("c1", "consular", case_id)
    assert event.detail["message"] == "travel_documents_issued"
    assert event.detail["elements"] == ["c_wait_docs"]
    assert re.fullmatch("[0-9a-f]{64}", event.data_hash or "")
    assert ("document_kind", "passport") in {(f.name, f.value) for f in facts}


def test_a_boundary_message_interrupts_its_task(engine: Engine) -> None:
    case_id = start(engine)
    engine.deliver_message(
        case_id, "documents_refused", {"refusal_reason": "no record"}, actor="c1", agency="consular"
    )
    assert open_names(engine, case_id) == ["Close the case"]


@pytest.mark.parametrize(
    ("name", "agency", "payload", "error"),
    [
        ("travel_documents_issued", "consular", DOCUMENTS, MessageNotAwaitedError),
        ("no_such_message", "consular", {}, MessageNotAwaitedError),
        ("documents_refused", "police", {"refusal_reason": "x"}, NotMessageSenderError),
        ("documents_refused", "consular", {"refusal_reason": 7}, InvalidDataError),
    ],
)
def test_a_refused_message_changes_nothing(
    engine: Engine, name: str, agency: str, payload: dict[str, object], error: type[Exception]
) -> None:
    case_id = start(engine)
    before = version_of(engine, case_id)
    with pytest.raises(error) as raised:
        engine.deliver_message(case_id, name, payload, actor="x", agency=agency)
    assert version_of(engine, case_id) == before
    assert open_names(engine, case_id) == ["Request travel documents"]
    if isinstance(raised.value, MessageNotAwaitedError):
        assert name in raised.value.message
        assert "documents_refused" in raised.value.message  # what it waits for instead
    if isinstance(raised.value, InvalidDataError):
        assert [e.field for e in raised.value.errors] == ["refusal_reason"]
    with Session(engine.db) as session:
        assert not session.exec(
            select(AuditEvent).where(AuditEvent.action == "message.delivered")
        ).all()


def test_consent_withdrawn_reaches_the_innermost_process_only(engine: Engine) -> None:
    case_id = start(engine)
    result = engine.deliver_message(
        case_id, "consent_withdrawn", WITHDRAWN, actor="s1", agency="social"
    )
    # The called process's event sub-process runs beside its main path (non-interrupting).
    assert sorted(t.name for t in result.opened) == ["Settle the withdrawal"]
    assert open_names(engine, case_id) == ["Request travel documents", "Settle the withdrawal"]
    assert "consent_withdrawn" not in [m.name for m in engine.awaited_messages(case_id)]
    again = fresh(engine)
    again.complete_task(
        task(again, case_id, "Settle the withdrawal"), {}, actor="s1", agency="social"
    )
    assert again.get_case(case_id).data["withdrawn_on"] == "2026-01-05"
    assert "consent_withdrawn" in [m.name for m in again.awaited_messages(case_id)]


def test_an_interrupting_event_sub_process_ends_what_its_process_was_doing(
    engine: Engine,
) -> None:
    case_id = start(engine)
    engine.deliver_message(
        case_id, "documents_refused", {"refusal_reason": "no record"}, actor="c1", agency="consular"
    )
    awaited = {m.name: m for m in engine.awaited_messages(case_id)}
    assert awaited["consent_withdrawn"].process_id == "esp_parent_withdrawn"
    assert awaited["consent_withdrawn"].senders == ("social",)
    with pytest.raises(NotMessageSenderError):
        engine.deliver_message(case_id, "consent_withdrawn", WITHDRAWN, actor="n", agency="ngo")
    fresh(engine).deliver_message(
        case_id, "consent_withdrawn", WITHDRAWN, actor="s1", agency="social"
    )
    assert open_names(engine, case_id) == ["Record the withdrawal"]
    again = fresh(engine)
    again.complete_task(
        task(again, case_id, "Record the withdrawal"), {}, actor="s1", agency="social"
    )
    assert again.get_case(case_id).status == "completed"
    assert again.awaited_messages(case_id) == []
    with pytest.raises(MessageNotAwaitedError):
        again.deliver_message(case_id, "consent_withdrawn", WITHDRAWN, actor="s1", agency="social")


def test_a_new_case_does_not_start_event_sub_processes(engine: Engine) -> None:
    first = start(engine)
    engine.deliver_message(first, "consent_withdrawn", WITHDRAWN, actor="s1", agency="social")
    second = start(engine)
    assert open_names(engine, second) == ["Request travel documents"]


class _Instance:
    """A running process instance as the receivers see it: the instance that called it."""

    def __init__(self, parent: _Instance | None = None) -> None:
        self.parent_workflow = parent


def _catcher(
    process_id: str,
    message: str,
    depth: int,
    *,
    busy: bool = False,
    instance: _Instance | None = None,
) -> Catcher:
    info = MessageInfo(
        process_id=process_id,
        bpmn_id=f"start_{message}",
        message=message,
        title=message,
        senders=("social",),
        schema=f"{message}.schema.json",
        kind="start",
        interrupting=False,
        event_subprocess=f"esp_{message}",
    )
    return Catcher(
        info, depth, instance=instance or _Instance(), esp_name=f"esp_{message}", busy=busy
    )


def test_a_message_only_the_case_catches_reaches_the_case_while_an_sop_runs() -> None:
    # consent_limited: only nrm_case (depth 0) catches it; SOPs inside catch consent_withdrawn
    case = _Instance()
    rehab = _Instance(_Instance(case))  # SOP 3 inside case_help inside the case
    outer_limited = _catcher("nrm_case", "consent_limited", 0, instance=case)
    found = [
        _catcher("nrm_case", "consent_withdrawn", 0, instance=case),
        outer_limited,
        _catcher("social_rehabilitation", "consent_withdrawn", 2, instance=rehab),
    ]
    assert receivers(found, "consent_limited") == [outer_limited]
    assert [c.info.process_id for c in receivers(found, "consent_withdrawn")] == [
        "social_rehabilitation"
    ]
    # while its event sub-process runs, the message is not awaited
    busy = [_catcher("nrm_case", "consent_limited", 0, busy=True)]
    assert receivers(busy, "consent_limited") == []


def _covering(process_id: str, instance: _Instance, *codes: str) -> Catcher:
    plain = _catcher(process_id, "consent_withdrawn", 1, instance=instance)
    info = MessageInfo(
        **{**plain.info.__dict__, "covers_field": "consent_withdrawn_scope", "covers": codes}
    )
    return Catcher(info, 1, instance=instance, esp_name=plain.esp_name)


def test_a_withdrawal_reaches_only_the_branches_it_covers() -> None:
    # the proceedings in the case; rehabilitation and the return (4B) side by side in case_help
    case = _Instance()
    help_ = _Instance(case)
    found = [
        _catcher("nrm_case", "consent_withdrawn", 0, instance=case),
        _covering("social_rehabilitation", _Instance(help_), "help"),
        _covering("repatriation", _Instance(help_), "help", "return"),
        _covering("proceedings", _Instance(case), "proceedings"),
    ]

    def reached(*scope: str) -> list[str]:
        payload = {"consent_withdrawn_scope": list(scope)}
        return sorted(c.info.process_id for c in receivers(found, "consent_withdrawn", payload))

    assert reached("proceedings") == ["proceedings"]
    assert reached("return") == ["repatriation"]
    assert reached("help") == ["repatriation", "social_rehabilitation"]
    assert reached("help", "proceedings") == [
        "proceedings",
        "repatriation",
        "social_rehabilitation",
    ]
    # without a payload (what the case waits for) every innermost catcher of the name counts
    assert len(receivers(found, "consent_withdrawn")) == 3


def test_a_withdrawal_no_inner_branch_covers_goes_to_a_catcher_without_covers() -> None:
    case = _Instance()
    found = [
        _catcher("nrm_case", "consent_withdrawn", 0, instance=case),
        _covering("proceedings", _Instance(case), "proceedings"),
    ]
    payload = {"consent_withdrawn_scope": ["help"]}
    assert [c.info.process_id for c in receivers(found, "consent_withdrawn", payload)] == [
        "nrm_case"
    ]


def test_message_covers_must_name_a_field_of_the_form_and_its_choices() -> None:
    covers = (
        '<spiffworkflow:property name="messageSchema" value="msg_withdrawal.schema.json" />'
        '<spiffworkflow:property name="messageCovers" value="{}" />'
    )
    for value in ("no_such_field=help", "withdrawn_on", "=help"):
        bad = edited(
            "msg_child.bpmn",
            '<spiffworkflow:property name="messageSchema" value="msg_withdrawal.schema.json" />',
            covers.format(value),
        )
        assert [c for c, _ in codes(report_of(bad))] == ["message-covers"], value
