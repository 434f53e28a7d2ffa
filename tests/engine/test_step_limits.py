"""A step stays within its limits: data a script leaves, instances, patterns, state it writes.

The hostile fixture (tests/fixtures/hostile) holds one path per way issue 20 found to stop a
server; each refusal leaves the case as it was. (The one C-level call no limit in the process
can stop runs in a step process: tests/engine/test_isolation.py.)
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine as Database

from engine.config import Settings
from engine.errors import InvalidDataError, ScriptLimitError, StepLimitError
from engine.facade import Engine
from engine.sources import SourceFile, read_paths
from engine.spiff.clock import FakeClock
from engine.validation import validate_files

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile"


def hostile_files() -> list[SourceFile]:
    """The hostile diagram and its forms."""
    return read_paths(sorted(HOSTILE.iterdir()))


def hostile_engine(db: Database, settings: Settings, clock: FakeClock) -> Engine:
    """An engine with the hostile process deployed."""
    engine = Engine(db, settings=settings, clock=clock)
    engine.deploy(hostile_files(), deployed_by="policy")
    return engine


@pytest.fixture
def hostile(db: Database, settings: Settings, clock: FakeClock) -> Engine:
    """The hostile process, deployed."""
    return hostile_engine(db, settings, clock)


def attack_task(engine: Engine) -> tuple[str, str, int]:
    """A new case's open task: (case id, task id, case version)."""
    case = engine.start_case("hostile", {"pseudonym": "A"}, agency="police", actor="p").case
    return case.id, case.open_tasks[0].id, engine.get_case(case.id).version


def assert_unchanged(engine: Engine, case_id: str, task_id: str, version: int) -> None:
    """The refused step left the case and its task as they were."""
    case = engine.get_case(case_id)
    assert case.version == version
    assert [t.id for t in case.open_tasks] == [task_id]
    assert engine.get_task(task_id).status == "ready"


def complete(engine: Engine, task_id: str, data: dict[str, Any]) -> Any:
    """Complete the attack task as the police."""
    return engine.complete_task(task_id, data, actor="p", agency="police")


def test_a_script_leaving_huge_data_is_stopped_while_converting(hostile: Engine) -> None:
    # x = [0] * 10**6; y = [x] * 300: 300 million items of case data from two cheap lines.
    case_id, task_id, version = attack_task(hostile)
    with pytest.raises(ScriptLimitError) as refused:
        complete(hostile, task_id, {"attack": "bulk"})
    assert "1,048,576 bytes" in refused.value.message
    assert refused.value.fields["element_id"] == "script_bulk"
    assert_unchanged(hostile, case_id, task_id, version)


def test_a_cardinality_from_data_above_the_limit_creates_nothing(hostile: Engine) -> None:
    case_id, task_id, version = attack_task(hostile)
    with pytest.raises(ScriptLimitError) as refused:
        complete(hostile, task_id, {"attack": "instances", "count": 200_000})
    assert "200,000" in refused.value.message and "NRM_MAX_INSTANCES" in refused.value.message
    assert refused.value.fields["element_id"] == "task_each"
    assert_unchanged(hostile, case_id, task_id, version)


def test_a_cardinality_within_the_limit_opens_that_many_tasks(hostile: Engine) -> None:
    _case_id, task_id, _version = attack_task(hostile)
    step = complete(hostile, task_id, {"attack": "instances", "count": 3})
    assert [t.bpmn_id for t in step.opened] == ["task_each"] * 3


def test_the_instance_limit_is_a_setting(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    engine = hostile_engine(db, replace(settings, max_instances=2), clock)
    case_id, task_id, version = attack_task(engine)
    with pytest.raises(ScriptLimitError):
        complete(engine, task_id, {"attack": "instances", "count": 3})
    assert_unchanged(engine, case_id, task_id, version)


def test_a_backtracking_pattern_refuses_a_long_value_at_once(hostile: Engine) -> None:
    case_id, task_id, version = attack_task(hostile)
    with pytest.raises(InvalidDataError) as refused:
        complete(hostile, task_id, {"attack": "pattern", "code": "a" * 30 + "!"})
    assert [(e.field, e.code) for e in refused.value.errors] == [("code", "pattern")]
    assert_unchanged(hostile, case_id, task_id, version)


def test_a_step_writing_more_than_the_limit_stores_nothing(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    engine = hostile_engine(db, replace(settings, max_step_data_bytes=50_000), clock)
    case_id, task_id, version = attack_task(engine)
    with pytest.raises(StepLimitError) as refused:
        complete(engine, task_id, {"attack": "none", "note": "n" * 60_000})
    assert "NRM_MAX_STEP_DATA_BYTES" in refused.value.message
    assert refused.value.fields["limit"] == "data"
    assert_unchanged(engine, case_id, task_id, version)
    complete(engine, task_id, {"attack": "none", "note": "n" * 1_000})


def _with_cardinality(value: str) -> list[SourceFile]:
    files = hostile_files()
    diagram = next(f for f in files if f.name == "hostile.bpmn")
    old = b"<bpmn:loopCardinality>count</bpmn:loopCardinality>"
    text = diagram.content.replace(
        old, f"<bpmn:loopCardinality>{value}</bpmn:loopCardinality>".encode()
    )
    return [f if f is not diagram else SourceFile(f.name, text) for f in files]


def test_validation_refuses_a_known_cardinality_above_the_limit() -> None:
    report, bundle = validate_files(_with_cardinality("200000"))
    assert bundle is None
    [problem] = report.errors
    assert (problem.code, problem.element_id) == ("loop-cardinality", "task_each")
    text = (HOSTILE / "hostile.bpmn").read_text().splitlines()
    assert problem.line == next(i for i, s in enumerate(text, 1) if "loopCardinality" in s)
    assert "200,000" in problem.message and problem.fix


def test_validation_reads_parameters_in_a_cardinality_and_holds_the_limit_setting() -> None:
    files = _with_cardinality('param("follow_up_days")')
    assert not validate_files(files)[0].errors  # 90 instances
    report, _bundle = validate_files(files, max_instances=50)
    assert [p.code for p in report.errors] == ["loop-cardinality"]
    report, _bundle = validate_files(_with_cardinality('"many"'))
    assert [p.code for p in report.errors] == ["loop-cardinality"]
