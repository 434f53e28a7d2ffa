"""Engine benchmark: raw SpiffWorkflow in memory vs. the engine facade with durable SQLite.

The diagram (bench/diagram/bench_case.bpmn) has 12 user tasks in 3 lanes and 2
exclusive gateways; a run completes 10 of them with 10 form fields each.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser import SpiffBpmnParser
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import text

from engine.config import load_settings
from engine.db import make_engine
from engine.facade import Engine
from engine.migrate import upgrade
from engine.sources import read_paths

DIAGRAM = Path(__file__).parent / "diagram"


def form_data(bpmn_id: str, run: int) -> dict[str, Any]:
    """Ten realistic field values for a task of the benchmark diagram."""
    data: dict[str, Any] = {}
    for j in range(1, 11):
        key = f"{bpmn_id}_f{j}"
        data[key] = {
            1: "yes" if run % 2 else "no",
            3: run % 11,
            5: bool(run % 3),
            7: "2026-03-01",
        }.get(j, f"note {j} for run {run}: some words of text")
    return data


def raw_runs_per_s(seconds: float) -> float:
    """Full runs per second of raw SpiffWorkflow, parsed once, all in memory."""
    parser = SpiffBpmnParser()
    parser.add_bpmn_files([str(DIAGRAM / "bench_case.bpmn")])
    spec = parser.get_spec("bench_case")
    runs, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        workflow = BpmnWorkflow(spec)
        workflow.do_engine_steps()
        while tasks := workflow.get_tasks(state=TaskState.READY, manual=True):
            task = tasks[0]
            task.data.update(form_data(task.task_spec.bpmn_id, runs))
            task.run()
            workflow.do_engine_steps()
        runs += 1
    return runs / (time.perf_counter() - start)


def engine_runs(seconds: float) -> dict[str, float]:
    """Full runs per second through the facade, every step committed to SQLite (WAL)."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        db = make_engine(url)
        upgrade(db)
        engine = Engine(db, settings=replace(load_settings({}), database_url=url))
        engine.deploy(read_paths([DIAGRAM]), deployed_by="bench")
        step_ms: list[float] = []
        runs, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            # A client works from what each step returns: the tasks now open.
            tasks = engine.start_case(
                "bench_case", {}, agency="police", actor="bench"
            ).case.open_tasks
            while tasks:
                task = tasks[0]
                t0 = time.perf_counter()
                tasks = engine.complete_task(
                    task.id, form_data(task.bpmn_id, runs), actor="bench", agency=task.agency
                ).case.open_tasks
                step_ms.append((time.perf_counter() - t0) * 1000)
            runs += 1
        elapsed = time.perf_counter() - start
        with db.connect() as conn:
            state = conn.execute(
                text("SELECT avg(length(state)) FROM nrm_case WHERE status = 'completed'")
            ).scalar_one()
        db.dispose()
    return {
        "runs_per_s": runs / elapsed,
        "state_bytes": float(state or 0),
        "step_p50_ms": statistics.median(step_ms),
        "step_p99_ms": statistics.quantiles(step_ms, n=100)[98],
    }


def run(seconds: float = 5.0) -> dict[str, Any]:
    """The engine figures for bench/results.json."""
    raw = raw_runs_per_s(seconds)
    measured = engine_runs(seconds)
    return {
        "raw_spiff_runs_per_s": round(raw, 1),
        "engine_runs_per_s": round(measured["runs_per_s"], 1),
        "engine_ratio": round(measured["runs_per_s"] / raw, 3),
        "state_bytes_per_case": int(measured["state_bytes"]),
        "engine_step_p50_ms": round(measured["step_p50_ms"], 2),
        "engine_step_p99_ms": round(measured["step_p99_ms"], 2),
    }
