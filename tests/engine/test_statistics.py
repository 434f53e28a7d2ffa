"""Statistics: facts kept by each step from what forms mark, and the rapporteur's aggregates
with small counts withheld (engine/facts.py, engine/statistics.py)."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine as Database

from engine.catalogue import STEPS
from engine.config import Settings, load_settings
from engine.errors import InvalidDiagramError
from engine.facade import Engine
from engine.facts import Fact, age_group, check_marks, facts_of
from engine.sources import read_paths
from engine.spiff.clock import FakeClock
from tests.conftest import FIXTURES, SIMPLE, fixture_files

AT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
EVENT_MILESTONE = re.compile(r'<spiffworkflow:property name="milestone" value="([^"]+)"')
REPORT = {
    "type": "object",
    "properties": {
        "pseudonym": {"type": "string", "x-statistic": False},
        "region": {"type": "string", "x-statistic": True},
        "age": {"type": "integer", "x-statistic": "age_group"},
        "ok": {"type": "boolean", "x-statistic": True},
        "full_name": {"type": "string", "x-personal": True},
    },
}


def test_a_step_keeps_the_marked_fields_it_submits() -> None:
    facts = facts_of(REPORT, {"pseudonym": "A", "region": "chui", "age": 16, "ok": False}, AT)
    assert facts == [Fact("region", "chui"), Fact("age_group", "14-17"), Fact("ok", "false")]
    assert facts_of(REPORT, {"pseudonym": "A"}, AT) == []  # nothing marked was submitted
    assert facts_of(None, {"region": "chui"}, AT) == []


def test_age_groups() -> None:
    groups = [age_group(a) for a in (0, 13, 14, 17, 18, 24.5, 25, 49, 50, 120, None, -1, True)]
    assert groups == ["0-13", "0-13", "14-17", "14-17", "18-24", "18-24", "25-34", "35-49"] + [
        "50+",
        "50+",
        "unknown",
        "unknown",
        "unknown",
    ]


def test_milestones_keep_their_first_time_and_may_depend_on_the_data() -> None:
    plain = facts_of({"properties": {}, "x-milestone": "decided"}, {}, AT)
    assert plain == [Fact("milestone:decided", AT.isoformat(), first_only=True)]
    form = {"properties": {}, "x-milestone": {"name": "accepted", "when": {"decision": "yes"}}}
    assert facts_of(form, {"decision": "no"}, AT) == []
    assert [f.name for f in facts_of(form, {"decision": "yes"}, AT)] == ["milestone:accepted"]
    either = {"properties": {}, "x-milestone": [form["x-milestone"], {"name": "declined",
              "when": {"decision": "no"}}]}  # fmt: skip
    assert [f.name for f in facts_of(either, {"decision": "no"}, AT)] == ["milestone:declined"]
    assert [f.name for f in facts_of(either, {"decision": "yes"}, AT)] == ["milestone:accepted"]
    assert check_marks(either, "f.json") == []
    assert check_marks({**either, "x-milestone": ["ok", {"when": {}}]}, "f.json") != []


def _library(tmp_path: Path, report: dict[str, object], screen_extra: dict[str, object]) -> Path:
    for name in ("simple.bpmn", "simple_note.schema.json"):
        shutil.copy(FIXTURES / "engine" / name, tmp_path / name)
    screen = json.loads((FIXTURES / "engine" / "simple_screen.schema.json").read_text())
    (tmp_path / "simple_screen.schema.json").write_text(json.dumps({**screen, **screen_extra}))
    (tmp_path / "simple_report.schema.json").write_text(json.dumps(report))
    return tmp_path


def _report_form(**age_mark: object) -> dict[str, object]:
    return {
        "type": "object",
        "properties": {
            "pseudonym": {"type": "string", "minLength": 1},
            "full_name": {"type": "string", "x-personal": True},
            "age": {"type": "integer", "minimum": 0, **age_mark},
        },
        "required": ["pseudonym"],
    }


@pytest.fixture
def marked_engine(
    tmp_path: Path, db: Database, settings: Settings, clock: FakeClock
) -> tuple[Engine, FakeClock]:
    screen_marks = {"x-milestone": "screened"}
    library = _library(tmp_path, _report_form(**{"x-statistic": "age_group"}), screen_marks)
    screen = json.loads((library / "simple_screen.schema.json").read_text())
    screen["properties"]["screening_result"]["x-statistic"] = True
    (library / "simple_screen.schema.json").write_text(json.dumps(screen))
    engine = Engine(db, settings=settings, clock=clock)
    engine.deploy(read_paths([library]), deployed_by="test")
    return engine, clock


def test_the_rapporteurs_figures_count_cases_facts_milestones_and_overdue_tasks(
    marked_engine: tuple[Engine, FakeClock],
) -> None:
    engine, clock = marked_engine
    clock.set(datetime(2026, 5, 4, 8, 0, tzinfo=UTC))
    for i, age in enumerate((20, 21, 22, 23, 24, 40)):
        case = engine.start_case(
            "simple",
            {"pseudonym": f"P{i}", "full_name": "X", "age": age},
            agency="police",
            actor="police",
        ).case
        clock.advance(timedelta(days=2))
        result = "presumed_victim" if i < 5 else "not_victim"
        engine.complete_task(
            case.open_tasks[0].id, {"screening_result": result}, actor="police", agency="police"
        )
    engine.start_case("simple", {"pseudonym": "late"}, agency="police", actor="police")
    clock.advance(timedelta(days=30))  # its screening is now overdue (a boundary timer)

    figures = engine.statistics(2026)
    assert figures["cases"]["total"] == 7
    assert figures["cases"]["by_reporting_agency"] == {
        "ngo": 0,
        "state": 7,
        "international": 0,
        "unknown": 0,
    }
    assert "age_group" not in figures["by_fact"]  # published as children and adults
    assert figures["people"]["by_age"]["child"] == 0
    assert figures["people"]["by_age"]["unknown"] is None  # 1 case
    # 5 presumed victims shown; 1 "not_victim" and 1 case without a screening yet are not;
    # "unclear" is listed although no case has it.
    assert figures["by_fact"]["screening_result"] == {
        "presumed_victim": 5,
        "not_victim": None,
        "unclear": 0,
        "unknown": None,
    }
    assert figures["time_to_milestone"]["screened"] == {
        "cases": 6,
        "median_days": 2.0,
        "p90_days": 2.0,
    }
    overdue = figures["overdue_tasks_by_agency"]  # 1 task: withheld, with a partner
    assert overdue["police"] is None and set(overdue.values()) <= {0, None}
    assert figures["missed_deadlines_by_agency"]["police"] == 7  # 6 done late, 1 open late
    assert "full_name" not in json.dumps(figures) and "P0" not in json.dumps(figures)
    other_year = engine.statistics(2025)
    assert other_year["cases"]["total"] == 0 and other_year["years"] == [2026]


def test_a_personal_field_cannot_be_a_statistic(
    tmp_path: Path, db: Database, settings: Settings, clock: FakeClock
) -> None:
    report = _report_form()
    report["properties"]["full_name"]["x-statistic"] = True  # type: ignore[index]
    report["properties"]["places"] = {  # type: ignore[index]
        "type": "array",
        "items": {"type": "string"},
        "x-statistic": "each",
    }
    library = _library(tmp_path, report, {"x-milestone": {"when": {}}})
    engine = Engine(db, settings=settings, clock=clock)
    with pytest.raises(InvalidDiagramError) as raised:
        engine.deploy(read_paths([library]), deployed_by="test")
    messages = [p.message for p in raised.value.problems if p.code == "form-statistic"]
    assert any("'full_name' is x-personal" in m for m in messages), messages
    assert any("x-milestone must be" in m for m in messages), messages
    assert any("'places': only a single value or a list" in m for m in messages), messages


def test_facts_are_rebuilt_from_the_workflow_state_of_cases_without_them(
    marked_engine: tuple[Engine, FakeClock],
) -> None:
    engine, clock = marked_engine
    for i, age in enumerate((20, 21, 22, 23, 24, 60)):
        case = engine.start_case(
            "simple", {"pseudonym": f"P{i}", "age": age}, agency="police", actor="police"
        ).case
        clock.advance(timedelta(days=1 + i))
        engine.complete_task(
            case.open_tasks[0].id,
            {"screening_result": "presumed_victim"},
            actor="police",
            agency="police",
        )
    before = engine.statistics()
    with engine.db.begin() as conn:  # as if the cases had been started before facts existed
        conn.exec_driver_sql("DELETE FROM case_fact")
    assert engine.statistics() == before  # counted again only when cases change...
    engine.forget_statistics()  # ...or when told
    assert engine.statistics()["by_fact"]["screening_result"]["unknown"] == 6
    assert engine.rebuild_facts() == 6
    after = engine.statistics()
    assert after["by_fact"] == before["by_fact"]
    assert after["by_fact"]["screening_result"] == {
        "presumed_victim": 6,
        "not_victim": 0,
        "unclear": 0,
        "unknown": 0,
    }
    assert after["people"]["by_age"] == {"child": 0, "adult": 6, "unknown": 0}
    assert after["time_to_milestone"] == before["time_to_milestone"]
    assert after["time_to_milestone"]["screened"]["median_days"] == 3.5
    assert engine.rebuild_facts() == 0  # every case has facts now


def test_a_rebuild_counts_what_the_newest_forms_mark(
    tmp_path: Path, db: Database, settings: Settings, clock: FakeClock
) -> None:
    engine = Engine(db, settings=settings, clock=clock)
    engine.deploy(fixture_files(*SIMPLE), deployed_by="test")  # version 1 marks nothing
    for i in range(5):
        engine.start_case("simple", {"pseudonym": f"P{i}", "age": 30}, agency="border",
                          actor="border")  # fmt: skip
    assert set(engine.statistics()["by_fact"]) == {"region", "sex"}  # always listed
    assert engine.statistics()["people"]["by_age"]["unknown"] == 5
    assert engine.statistics()["cases_without_facts"] == 5
    marked = _library(tmp_path, _report_form(**{"x-statistic": "age_group"}), {})
    engine.deploy(read_paths([marked]), deployed_by="test")  # version 2 marks the age
    assert engine.rebuild_facts() == 5
    assert engine.statistics()["people"]["by_age"] == {"child": 0, "adult": 5, "unknown": 0}
    assert engine.statistics()["cases_without_facts"] == 0


def test_every_step_of_the_funnel_and_the_indicators_is_written_by_a_form_or_an_event() -> None:
    # An event names its milestone as a spiffworkflow property (a referral nobody answers in
    # time is noticed by a timer: no form is sent).
    milestones: set[str] = set()
    for path in load_settings({}).bpmn_dir.glob("*.bpmn"):
        milestones |= set(EVENT_MILESTONE.findall(path.read_text("utf-8")))
    facts: set[str] = set()
    for path in load_settings({}).forms_dir.glob("*.schema.json"):
        schema = json.loads(path.read_text("utf-8"))
        marks = schema.get("x-milestone")
        for one in marks if isinstance(marks, list) else [marks]:
            milestones |= {one} if isinstance(one, str) else {one["name"]} if one else set()
        facts |= {n for n, p in schema["properties"].items() if p.get("x-statistic")}
    missing = {
        s.name
        for s in STEPS
        if (s.milestone and s.milestone not in milestones) or (s.fact and s.fact[0] not in facts)
    }
    assert missing == set()


def test_a_timer_that_runs_out_keeps_the_milestone_its_event_names(
    tmp_path: Path, db: Database, settings: Settings, clock: FakeClock
) -> None:
    library = _library(tmp_path, _report_form(), {})
    diagram = library / "simple.bpmn"
    timer = '<bpmn:boundaryEvent id="timer_screen" name="Screening overdue" '
    text = diagram.read_text("utf-8")
    start = text.index(timer)
    end = text.index(">", start) + 1
    milestone = (
        "<bpmn:extensionElements><spiffworkflow:properties>"
        '<spiffworkflow:property name="milestone" value="referral_timed_out" />'
        "</spiffworkflow:properties></bpmn:extensionElements>"
    )
    diagram.write_text(text[:end] + milestone + text[end:], "utf-8")
    engine = Engine(db, settings=settings, clock=clock)
    engine.deploy(read_paths([library]), deployed_by="test")
    for i in range(6):
        engine.start_case("simple", {"pseudonym": f"P{i}"}, agency="police", actor="police")
    clock.advance(timedelta(days=3))

    def timed_out() -> object:
        engine.forget_statistics()
        steps = {s["name"]: s["total"] for s in engine.statistics()["indicators"]}
        return steps["referral_timed_out"]

    assert timed_out() == 0
    assert len(engine.fire_due_timers()) == 6
    assert timed_out() == 6
    with engine.db.begin() as conn:  # the same from the workflow states (engine/factbuild.py)
        conn.exec_driver_sql("DELETE FROM case_fact")
    assert engine.rebuild_facts() == 6
    assert timed_out() == 6


def test_when_counting_is_slow_a_read_gets_the_counts_kept_while_they_are_counted_again(
    marked_engine: tuple[Engine, FakeClock],
) -> None:
    engine, _clock = marked_engine

    def start(n: int) -> None:
        for i in range(n):
            engine.start_case("simple", {"pseudonym": f"P{i}"}, agency="police", actor="police")

    start(5)
    first = engine.statistics()
    assert first["cases"]["total"] == 5 and first["recounting"] is False
    start(1)  # counted again before the read answers: counting is quick here
    assert engine.statistics()["cases"]["total"] == 6
    engine.stat_cache.wait_limit = 0.0  # as if counting took longer than a reader may wait
    start(1)
    stale = engine.statistics()
    assert stale["cases"]["total"] == 6  # the counts kept, at once...
    engine.stat_cache.wait(10)  # ...while one background thread counts again
    fresh = engine.statistics()
    assert fresh["cases"]["total"] == 7 and fresh["recounting"] is False
    engine.forget_statistics()  # a rebuild of the facts: counted again before the read
    assert engine.statistics()["cases"]["total"] == 7
