"""Saved state: finished tasks' text re-used between saves, never stale (engine.spiff)."""

from __future__ import annotations

import json
from typing import Any

from engine.casedata import scrub
from engine.facade import Engine
from engine.spiff.serializer import _TABLES, state_text

REPORT = {"pseudonym": "Aigul", "full_name": "A. B.", "age": 24}


def _live(engine: Engine) -> tuple[Any, str]:
    """A case one step in (its screening task finished with a date), and its live workflow."""
    started = engine.start_case("simple", REPORT, agency="border", actor="border")
    screening = started.opened[0]
    done = engine.complete_task(
        screening.id,
        {"screening_result": "presumed_victim", "screening_date": "2026-03-01"},
        actor="police",
        agency="police",
    )
    case = done.case
    return engine.ctx.cache.get(case.id, engine.get_case(case.id).version), case.id


def _workflow(engine: Engine, case_id: str) -> Any:
    """The case's live workflow (an open case's is cached), else restored from its state."""
    from sqlmodel import Session

    from engine import store
    from engine.models import Case

    version = engine.get_case(case_id).version
    cached = engine.ctx.cache.get(case_id, version)
    if cached is not None:
        engine.ctx.cache.put(case_id, version, cached)
        return cached
    with Session(engine.db) as session:
        case = session.get(Case, case_id)
        assert case is not None and case.status != "open"
        loaded = engine.library.version(session, case.process_version_id)
        return engine.ctx.restore(store.load_state(session, case_id), loaded)


def _text(engine: Engine, workflow: Any) -> str:
    return state_text(engine.ctx.serializer.dumps(workflow)).decode()


def test_a_second_save_re_uses_finished_tasks_and_equals_a_full_conversion(
    simple_engine: Engine,
) -> None:
    workflow, _ = _live(simple_engine)
    first = _text(simple_engine, workflow)
    finished = [t for t in workflow.tasks.values() if "_nrm_json" in t.__dict__]
    assert finished, "finished tasks keep their text"
    assert _text(simple_engine, workflow) == first
    # The same document SpiffWorkflow's own conversion gives.
    full = json.loads(json.dumps(simple_engine.ctx.serializer.registry.convert(workflow)))
    assert json.loads(first) == full


def test_scrubbed_values_leave_the_saved_text_of_finished_tasks(simple_engine: Engine) -> None:
    workflow, _ = _live(simple_engine)
    assert "2026-03-01" in _text(simple_engine, workflow)  # in a finished task's data
    assert scrub(workflow, {"screening_date", "full_name"}) > 0
    text = _text(simple_engine, workflow)
    assert "2026-03-01" not in text and "A. B." not in text


def test_no_submitted_text_can_pose_as_a_task_table(simple_engine: Engine) -> None:
    started = simple_engine.start_case(
        "simple",
        {**REPORT, "pseudonym": f"{_TABLES.MARK}0"},
        agency="border",
        actor="border",
    )
    workflow = simple_engine.ctx.cache.get(
        started.case.id, simple_engine.get_case(started.case.id).version
    )
    document = json.loads(_text(simple_engine, workflow))
    assert document["tasks"] and isinstance(document["tasks"], dict)
    assert f"{_TABLES.MARK}0" in _strings(document)  # kept as the text it was


def _strings(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return {value} if isinstance(value, str) else set()


def test_every_save_of_a_case_with_gateways_equals_a_fresh_conversion(
    db: Any, settings: Any, clock: Any
) -> None:
    """The benchmark diagram: predicted branches re-predicted at each gateway, tasks
    finished one by one; after every step the re-used texts equal converting afresh."""
    from bench.engine_bench import DIAGRAM, form_data
    from engine.sources import read_paths
    from engine.spiff.serializer import forget
    from engine.tasklookup import all_tasks

    engine = Engine(db, settings=settings, clock=clock)
    engine.deploy(read_paths([DIAGRAM]), deployed_by="test")
    for run in (1, 2):  # both branches of each gateway
        step = engine.start_case("bench_case", {}, agency="police", actor="t")
        while True:
            workflow = _workflow(engine, step.case.id)
            saved = json.loads(_text(engine, workflow))
            for task in all_tasks(workflow):
                forget(task)
            assert json.loads(_text(engine, workflow)) == saved
            if not step.case.open_tasks:
                break
            task = step.case.open_tasks[0]
            step = engine.complete_task(
                task.id, form_data(task.bpmn_id, run), actor="t", agency=task.agency
            )


def test_a_state_saved_with_zlib_before_lz4_still_loads_and_continues(
    simple_engine: Engine,
) -> None:
    """Cases saved before the state was LZ4-compressed keep working: the stored bytes say
    which one they are."""
    import zlib

    from sqlalchemy import text

    started = simple_engine.start_case("simple", REPORT, agency="border", actor="border")
    case_id = started.case.id
    with simple_engine.db.begin() as conn:
        state = conn.execute(
            text("SELECT state FROM nrm_case WHERE id = :id"), {"id": case_id}
        ).scalar_one()
        assert bytes(state[:4]) == b"\x04\x22\x4d\x18"  # an LZ4 frame now
        conn.execute(
            text("UPDATE nrm_case SET state = :s WHERE id = :id"),
            {"s": zlib.compress(state_text(bytes(state))), "id": case_id},
        )
    simple_engine.ctx.cache.drop(case_id)  # read it from the database
    done = simple_engine.complete_task(
        started.opened[0].id,
        {"screening_result": "presumed_victim", "screening_date": "2026-03-01"},
        actor="police",
        agency="police",
    )
    assert done.completed is not None and done.case.data["pseudonym"] == "Aigul"


def test_task_layout_is_spiffworkflows_own_for_every_task_with_data(
    db: Any, settings: Any, clock: Any
) -> None:
    """TaskFormat writes tasks itself; for any task with data of its own (or the root) the
    dict is what SpiffWorkflow's TaskConverter gives, at every step of the benchmark case."""
    from SpiffWorkflow.bpmn.serializer.default.workflow import TaskConverter

    from bench.engine_bench import DIAGRAM, form_data
    from engine.sources import read_paths
    from engine.spiff.serializer import TaskFormat
    from engine.tasklookup import all_tasks

    engine = Engine(db, settings=settings, clock=clock)
    engine.deploy(read_paths([DIAGRAM]), deployed_by="test")
    registry = engine.ctx.serializer.registry
    ours = TaskFormat(type("Probe", (), {}), registry)  # a converter of its own
    encoder = json.JSONEncoder(separators=(",", ":"))
    compared = direct = 0
    step = engine.start_case("bench_case", {}, agency="police", actor="t")
    while True:
        workflow = _workflow(engine, step.case.id)
        for task in all_tasks(workflow):
            if task.data or task.parent is None:
                assert ours.to_dict(task) == TaskConverter.to_dict(ours, task)
                compared += 1
            if task.parent is not None and not task.internal_data:
                # written out directly (any state, with or without data), as TaskFormat
                # gives it (and so TaskConverter, for a task with data)
                text = _TABLES._direct(registry, encoder, task)
                assert json.loads("{" + text + "}") == {
                    str(task.id): {**ours.to_dict(task), "typename": "Task"}
                }
                direct += 1
        if not step.case.open_tasks:
            break
        task = step.case.open_tasks[0]
        step = engine.complete_task(
            task.id, form_data(task.bpmn_id, 1), actor="t", agency=task.agency
        )
    # (user tasks keep their dueParameter deadline in internal data: not written directly)
    assert compared > 50 and direct > 60
