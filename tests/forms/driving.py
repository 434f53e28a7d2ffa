"""Drive a case through its SOPs with example answers until a task of a given form opens
(page tests that need a step deep in the process)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from engine.views import TaskView
from tests.state_fixtures import answers

# Answers a form's example answers are replaced with, per form (to choose a path).
Overrides = Mapping[str, Mapping[str, Any]]


def drive_until(
    engine: Engine,
    clock: FakeClock | None,
    case_id: str,
    form: str,
    *,
    overrides: Overrides | None = None,
    skip: Callable[[TaskView], bool] | None = None,
) -> TaskView:
    """Complete the oldest open task (example answers, `overrides` per form name) until a
    task of `form` is open; that task. A fake `clock` moves an hour a step (a live server's
    real clock is left alone)."""
    for _ in range(40):
        open_tasks = engine.case_tasks(case_id)
        for task in open_tasks:
            if task.form == form:
                return task
        candidates = [t for t in open_tasks if not (skip and skip(t))]
        assert candidates, f"no task of {form} opened: {[t.name for t in open_tasks]}"
        task = candidates[0]
        schema = engine.task_form(task.id)
        if clock is not None:
            clock.advance(timedelta(hours=1))
        data = answers(dict(schema) if schema else None, engine.clock.now())
        data.update((overrides or {}).get(str(task.form), {}))
        engine.complete_task(task.id, data, actor=str(task.agency), agency=task.agency)
    raise AssertionError(f"no task of {form} opened")
