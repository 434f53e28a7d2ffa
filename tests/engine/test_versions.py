"""Process versions: list them, diff them, and move open cases from v1 to v2.

v1 of `versioned`: Screening (24 h boundary timer) -> Review -> Decide.
v2: Screening renamed, Review removed, Assess risk added, note form changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from engine import store
from engine.errors import MigrationRefusedError, UnknownProcessError
from engine.facade import Engine
from engine.models import AuditEvent, Case
from engine.sources import SourceFile, read_paths
from engine.spiff.clock import FakeClock
from engine.spiff.serializer import state_text
from engine.views import StepResult

VERSIONS = Path(__file__).parents[1] / "fixtures" / "versions"
ENGINE_FIXTURES = Path(__file__).parents[1] / "fixtures" / "engine"
NOTE = {"note": "done"}


def v1() -> list[SourceFile]:
    return read_paths([VERSIONS / "v1"])


def v2() -> list[SourceFile]:
    return read_paths([VERSIONS / "v2"])


@pytest.fixture
def engine(make_test_engine: Callable[..., Engine]) -> Engine:
    """An engine with v1 of `versioned` deployed."""
    built = make_test_engine()
    built.deploy(v1(), deployed_by="alice")
    return built


def start(engine: Engine) -> StepResult:
    return engine.start_case("versioned", {}, agency="police", actor="officer")


def complete(engine: Engine, case_id: str, bpmn_id: str) -> StepResult:
    [task] = [t for t in engine.case_tasks(case_id) if t.bpmn_id == bpmn_id]
    return engine.complete_task(task.id, NOTE, actor="worker", agency=None)


def open_ids(engine: Engine, case_id: str) -> list[str]:
    return sorted(t.bpmn_id for t in engine.case_tasks(case_id))


def stored(engine: Engine, case_id: str) -> tuple[int, bytes]:
    with Session(engine.db) as session:
        row = session.execute(
            select(Case.process_version_id, Case.state).where(Case.id == case_id)
        ).one()
        return row[0], bytes(row[1])


def test_process_versions_lists_each_version_with_its_open_cases(engine: Engine) -> None:
    start(engine), start(engine)
    engine.deploy(v2(), deployed_by="bob")
    start(engine)
    listed = engine.process_versions("versioned")
    assert [(v.version, v.open_cases, v.deployed_by) for v in listed] == [
        (2, 1, "bob"),
        (1, 2, "alice"),
    ]
    assert listed[0].content_hash != listed[1].content_hash
    assert listed[0].name == "Versioned SOP"
    with pytest.raises(UnknownProcessError):
        engine.process_versions("nowhere")


def test_diff_versions_names_added_removed_and_changed_elements(engine: Engine) -> None:
    engine.deploy(v2(), deployed_by="bob")
    diff = engine.diff_versions("versioned", 1, 2)
    assert (diff.from_version, diff.to_version) == (1, 2)
    assert [(e.element_id, e.name, e.kind) for e in diff.added] == [
        ("task_assess", "Assess risk", "UserTask")
    ]
    assert [(e.element_id, e.name) for e in diff.removed] == [("task_review", "Review")]
    changed = {c.element_id: c.changes for c in diff.changed}
    assert changed == {"task_screen": ("name", "outgoing flows")}
    assert [(f.form, f.change) for f in diff.forms] == [
        ("versioned_note.schema.json", "changed"),
        ("versioned_risk.schema.json", "added"),
    ]
    assert engine.diff_versions("versioned", 2, 1).removed[0].element_id == "task_assess"


def test_diff_versions_reports_lane_form_and_timer_changes(engine: Engine) -> None:
    text = (VERSIONS / "v1" / "versioned.bpmn").read_text(encoding="utf-8")
    text = text.replace('hours(param("referral_accept_hours"))', "hours(48)")
    text = text.replace("<bpmn:flowNodeRef>task_review</bpmn:flowNodeRef>\n", "").replace(
        "<bpmn:flowNodeRef>task_decide</bpmn:flowNodeRef>",
        "<bpmn:flowNodeRef>task_review</bpmn:flowNodeRef><bpmn:flowNodeRef>task_decide</bpmn:flowNodeRef>",
    )
    files = [f for f in v1() if f.name != "versioned.bpmn"]
    engine.deploy([*files, SourceFile("versioned.bpmn", text.encode())], deployed_by="bob")
    changed = {c.element_id: c.changes for c in engine.diff_versions("versioned", 1, 2).changed}
    assert changed == {"timer_screen": ("timer",), "task_review": ("lane",)}


def test_diff_versions_refuses_unknown_version(engine: Engine) -> None:
    with pytest.raises(UnknownProcessError):
        engine.diff_versions("versioned", 1, 7)


def test_running_case_finishes_on_v1_while_new_cases_get_v2(engine: Engine) -> None:
    old = start(engine).case.id
    engine.deploy(v2(), deployed_by="bob")
    new = start(engine)
    assert new.case.process_version == 2
    complete(engine, old, "task_screen")
    assert open_ids(engine, old) == ["task_review"]
    complete(engine, old, "task_review")
    result = complete(engine, old, "task_decide")
    assert (result.case.status, result.case.process_version) == ("completed", 1)
    complete(engine, new.case.id, "task_screen")
    assert open_ids(engine, new.case.id) == ["task_assess"]


def test_migration_preview_says_which_cases_can_move_and_why_not(engine: Engine) -> None:
    screening = start(engine).case
    reviewing = start(engine).case
    complete(engine, reviewing.id, "task_screen")
    engine.deploy(v2(), deployed_by="bob")
    start(engine)  # already on v2: not previewed
    previews = {p.case_id: p for p in engine.migration_preview("versioned", 2)}
    assert set(previews) == {screening.id, reviewing.id}
    yes, no = previews[screening.id], previews[reviewing.id]
    assert (yes.can_migrate, yes.issues, yes.from_version, yes.to_version) == (True, (), 1, 2)
    assert yes.waiting_at == ("task_screen", "timer_screen")
    assert no.can_migrate is False and no.waiting_at == ("task_review",)
    [issue] = no.issues
    assert (issue.process_id, issue.element_id) == ("versioned", "task_review")
    assert "'Review' (task_review)" in issue.message and "version 2" in issue.message


def test_migrate_cases_moves_case_to_v2_keeps_its_deadline_and_audits(
    engine: Engine, clock: FakeClock
) -> None:
    case = start(engine).case
    [before] = engine.case_tasks(case.id)
    engine.deploy(v2(), deployed_by="bob")
    clock.advance(timedelta(hours=5))
    result = engine.migrate_cases([case.id], 2, actor="policy")
    [moved] = result.cases
    assert (moved.case_id, moved.from_version, moved.to_version) == (case.id, 1, 2)
    [task] = moved.open_tasks
    assert (task.id, task.name, task.due_at) == (before.id, "Indicator screening", before.due_at)
    assert engine.get_case(case.id).process_version == 2
    with Session(engine.db) as session:
        [event] = session.exec(
            select(AuditEvent).where(
                AuditEvent.case_id == case.id, AuditEvent.action == "case.migrated"
            )
        ).all()
        assert (event[0].actor, event[0].detail) == (
            "policy",
            {"process_id": "versioned", "from_version": 1, "to_version": 2},
        )
    complete(engine, case.id, "task_screen")
    assert open_ids(engine, case.id) == ["task_assess"]  # its next step follows v2


def test_migrated_case_fires_its_timer_at_the_original_time(
    engine: Engine, clock: FakeClock
) -> None:
    case = start(engine).case
    engine.deploy(v2(), deployed_by="bob")
    clock.advance(timedelta(hours=5))
    engine.migrate_cases([case.id], 2, actor="policy")
    clock.advance(timedelta(hours=19, minutes=1))  # 24 h after the case started
    assert engine.fire_due_timers() == [case.id]
    assert open_ids(engine, case.id) == ["task_escalate", "task_screen"]


def test_migrated_state_roundtrips_without_cache(engine: Engine) -> None:
    case = start(engine).case
    engine.deploy(v2(), deployed_by="bob")
    engine.migrate_cases([case.id], 2, actor="policy")
    with Session(engine.db) as session:
        row = session.get(Case, case.id)
        assert row is not None
        stored = store.load_state(session, case.id)
        loaded = engine.library.version(session, row.process_version_id)
    again = engine.ctx.serializer.dumps(engine.ctx.restore(stored, loaded))
    assert json.loads(state_text(again)) == json.loads(state_text(stored.state))


def test_migrate_cases_with_an_ineligible_case_changes_nothing(engine: Engine) -> None:
    screening = start(engine).case
    reviewing = start(engine).case
    complete(engine, reviewing.id, "task_screen")
    engine.deploy(v2(), deployed_by="bob")
    before = {c: stored(engine, c) for c in (screening.id, reviewing.id)}
    with pytest.raises(MigrationRefusedError) as refused:
        engine.migrate_cases([screening.id, reviewing.id], 2, actor="policy")
    assert set(refused.value.fields["refused"]) == {reviewing.number}
    assert {c: stored(engine, c) for c in before} == before
    assert engine.get_case(screening.id).process_version == 1
    assert [t.name for t in engine.case_tasks(screening.id)] == ["Screening"]
    with Session(engine.db) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "case.migrated"))
        assert events.all() == []


def test_migrate_cases_notes_a_passed_step_that_v2_replaced(engine: Engine) -> None:
    case = start(engine).case
    complete(engine, case.id, "task_screen")
    complete(engine, case.id, "task_review")  # now at Decide, which v2 keeps
    engine.deploy(v2(), deployed_by="bob")
    [preview] = engine.migration_preview("versioned", 2)
    assert (preview.waiting_at, preview.can_migrate) == (("task_decide",), True)
    # SpecDiff matches Review to Assess risk by position: the case will not assess risk.
    [note] = preview.notes
    assert "passed 'Review' (task_review)" in note and "'Assess risk' (task_assess)" in note
    [moved] = engine.migrate_cases([case.id], 2, actor="policy").cases
    assert moved.notes == preview.notes
    result = complete(engine, case.id, "task_decide")
    assert (result.case.status, result.case.process_version) == ("completed", 2)


def test_migrate_cases_refuses_a_case_that_passed_a_step_v2_dropped(engine: Engine) -> None:
    case = start(engine).case
    complete(engine, case.id, "task_screen")
    complete(engine, case.id, "task_review")
    text = (VERSIONS / "v1" / "versioned.bpmn").read_text(encoding="utf-8")
    start_review, end_review = (
        text.index('<bpmn:userTask id="task_review"'),
        text.index('<bpmn:userTask id="task_decide"'),
    )
    text = text[:start_review] + text[end_review:]
    text = text.replace("<bpmn:flowNodeRef>task_review</bpmn:flowNodeRef>", "")
    text = text.replace('targetRef="task_review"', 'targetRef="task_decide"')
    text = text.replace(
        "<bpmn:incoming>f_review</bpmn:incoming>", "<bpmn:incoming>f_screen</bpmn:incoming>"
    )
    files = [f for f in v1() if f.name != "versioned.bpmn"]
    engine.deploy([*files, SourceFile("versioned.bpmn", text.encode())], deployed_by="bob")
    [preview] = engine.migration_preview("versioned", 2)
    assert not preview.can_migrate
    [issue] = preview.issues
    assert issue.element_id == "task_review"
    assert "already passed 'Review' (task_review)" in issue.message
    with pytest.raises(MigrationRefusedError):
        engine.migrate_cases([case.id], 2, actor="policy")


def test_migrate_cases_refuses_same_or_closed_version(engine: Engine) -> None:
    case = start(engine).case
    with pytest.raises(MigrationRefusedError) as refused:
        engine.migrate_cases([case.id], 1, actor="policy")
    assert refused.value.fields["refused"][case.number] == ["The case already runs on version 1."]


def test_migrate_cases_moves_a_case_inside_a_call_activity(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = make_test_engine("parent.bpmn", "child.bpmn", "simple_note.schema.json")
    case = engine.start_case("parent", {}, agency="social", actor="worker").case
    [task] = engine.case_tasks(case.id)
    assert (task.bpmn_id, task.agency) == ("c_task", "social")
    files = read_paths([ENGINE_FIXTURES / n for n in ("parent.bpmn", "simple_note.schema.json")])
    engine.deploy(
        [*files, SourceFile("child.bpmn", (VERSIONS / "child_v2.bpmn").read_bytes())],
        deployed_by="bob",
    )
    [preview] = engine.migration_preview("parent", 2)
    assert preview.can_migrate and preview.waiting_at == ("c_task", "call_child")
    [moved] = engine.migrate_cases([case.id], 2, actor="policy").cases
    assert [(t.id, t.name) for t in moved.open_tasks] == [(task.id, "Plan the services")]
    complete(engine, case.id, "c_task")
    assert open_ids(engine, case.id) == ["c_confirm"]  # the new step of the called process
    result = complete(engine, case.id, "c_confirm")
    assert (result.case.status, result.case.process_version) == ("completed", 2)


def test_migrate_cases_repredicts_what_follows_a_running_call_activity(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = make_test_engine("parent.bpmn", "child.bpmn", "simple_note.schema.json")
    case = engine.start_case("parent", {}, agency="social", actor="worker").case
    files = read_paths(
        [ENGINE_FIXTURES / "child.bpmn", ENGINE_FIXTURES / "simple_note.schema.json"]
    )
    parent_v2 = SourceFile("parent.bpmn", (VERSIONS / "parent_v2.bpmn").read_bytes())
    engine.deploy([*files, parent_v2], deployed_by="bob")
    diff = engine.diff_versions("parent", 1, 2)
    assert [e.element_id for e in diff.added] == ["p_closed", "p_follow_up"]
    assert [e.element_id for e in diff.removed] == ["p_end"]
    engine.migrate_cases([case.id], 2, actor="policy")
    complete(engine, case.id, "c_task")
    assert open_ids(engine, case.id) == ["p_follow_up"]  # not the old end event
    result = complete(engine, case.id, "p_follow_up")
    assert result.case.status == "completed"


def test_load_versions_parses_the_newest_and_those_of_open_cases(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At start-up a server parses the versions its next steps will use: each process's
    newest and every version an open case still runs on; afterwards no step compiles."""
    on_v1 = start(engine).case.id
    engine.deploy(v2(), deployed_by="alice")
    fresh = Engine(engine.db, settings=engine.settings, clock=engine.clock)  # a new process
    assert fresh.load_versions() == 2  # v2 (the newest) and v1 (the open case's)

    def no_compile(*args: object, **kwargs: object) -> object:
        raise AssertionError("compiled during a step")

    monkeypatch.setattr(fresh.library, "compile", no_compile)
    complete(fresh, on_v1, "task_screen")
    assert start(fresh).case.process_version == 2
