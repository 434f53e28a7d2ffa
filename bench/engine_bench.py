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


class RawSpiff:
    """Raw SpiffWorkflow in memory, the diagram parsed once."""

    def __init__(self) -> None:
        parser = SpiffBpmnParser()
        parser.add_bpmn_files([str(DIAGRAM / "bench_case.bpmn")])
        self.spec = parser.get_spec("bench_case")
        self.runs = 0
        self.elapsed = 0.0

    def run_for(self, seconds: float) -> None:
        """Full runs for about `seconds`."""
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            workflow = BpmnWorkflow(self.spec)
            workflow.do_engine_steps()
            while tasks := workflow.get_tasks(state=TaskState.READY, manual=True):
                task = tasks[0]
                task.data.update(form_data(task.task_spec.bpmn_id, self.runs))
                task.run()
                workflow.do_engine_steps()
            self.runs += 1
        self.elapsed += time.perf_counter() - start


class DurableEngine:
    """The engine facade with every step committed to a fresh SQLite file (WAL)."""

    def __init__(self, directory: str) -> None:
        url = f"sqlite:///{directory}/bench.db"
        self.db = make_engine(url)
        upgrade(self.db)
        self.engine = Engine(self.db, settings=replace(load_settings({}), database_url=url))
        self.engine.deploy(read_paths([DIAGRAM]), deployed_by="bench")
        self.step_ms: list[float] = []
        self.runs = 0
        self.elapsed = 0.0

    def run_for(self, seconds: float) -> None:
        """Full runs for about `seconds` (the run in progress is finished)."""
        engine, start = self.engine, time.perf_counter()
        while time.perf_counter() - start < seconds:
            # A client works from what each step returns: the tasks now open.
            tasks = engine.start_case(
                "bench_case", {}, agency="police", actor="bench"
            ).case.open_tasks
            while tasks:
                task = tasks[0]
                t0 = time.perf_counter()
                tasks = engine.complete_task(
                    task.id, form_data(task.bpmn_id, self.runs), actor="bench", agency=task.agency
                ).case.open_tasks
                self.step_ms.append((time.perf_counter() - t0) * 1000)
            self.runs += 1
        self.elapsed += time.perf_counter() - start

    def state_bytes(self) -> float:
        """Average stored state of a finished case."""
        with self.db.connect() as conn:
            state = conn.execute(
                text("SELECT avg(length(state)) FROM nrm_case WHERE status = 'completed'")
            ).scalar_one()
        return float(state or 0)


def raw_runs_per_s(seconds: float) -> float:
    """Full runs per second of raw SpiffWorkflow, parsed once, all in memory."""
    raw = RawSpiff()
    raw.run_for(seconds)
    return raw.runs / raw.elapsed


# The machine's speed drifts (other work on a shared box): both sides are measured in
# alternating slices, so a slow spell falls on both alike.
SLICES = 5


def run(seconds: float = 5.0) -> dict[str, Any]:
    """The engine figures for bench/results.json."""
    raw = RawSpiff()
    with tempfile.TemporaryDirectory() as tmp:
        durable = DurableEngine(tmp)
        for _ in range(SLICES):
            raw.run_for(seconds / SLICES)
            durable.run_for(seconds / SLICES)
        state = durable.state_bytes()
        durable.db.dispose()
    raw_per_s, engine_per_s = raw.runs / raw.elapsed, durable.runs / durable.elapsed
    return {
        "raw_spiff_runs_per_s": round(raw_per_s, 1),
        "engine_runs_per_s": round(engine_per_s, 1),
        "engine_ratio": round(engine_per_s / raw_per_s, 3),
        "state_bytes_per_case": int(state),
        "engine_step_p50_ms": round(statistics.median(durable.step_ms), 2),
        "engine_step_p99_ms": round(statistics.quantiles(durable.step_ms, n=100)[98], 2),
    }
