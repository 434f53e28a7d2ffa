"""The workflow class every case runs on: SpiffWorkflow's BpmnWorkflow, with its scans made cheap.

SpiffWorkflow walks the whole task tree, depth first through a Python iterator, to find the
READY tasks on every pass of `do_engine_steps`, and again to find the WAITING tasks after
every task that completes. A case's tree grows with each step, so these walks were about a
third of the library's time in a step; `is_completed` walks it once more after each step.
The scans here read the task tables (a dict each) instead. When more than one task matches,
the order could matter (which of two parallel script tasks runs first), so they fall back to
the library's own depth-first walk; with one match or none the result is the same task or
nothing, whichever way it is found. tests/engine/test_workflow_scans.py checks every scan
against the library's on cases with gateways, boundary timers and call activities.

The class is stored under SpiffWorkflow's name ("BpmnWorkflow"): a saved case does not
record which of the two ran it.
"""

from __future__ import annotations

from typing import Any

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState


class NrmWorkflow(BpmnWorkflow):  # type: ignore[misc]
    """BpmnWorkflow with table scans for the READY and WAITING look-ups it makes itself."""

    # Bytes of JSON of the state it was last restored from or saved as (0: never stored);
    # a step may grow it by at most NRM_MAX_STEP_DATA_BYTES (engine/cases.py).
    stored_size = 0

    def get_tasks(self, first_task: Task | None = None, **kwargs: Any) -> list[Task]:
        """As BpmnWorkflow.get_tasks; `get_tasks(state=READY)` (what each engine pass asks)
        from the task tables when it finds at most one task."""
        if first_task is None and kwargs.keys() == {"state"} and kwargs["state"] == TaskState.READY:
            found = [t for t in self.tasks.values() if t._state == TaskState.READY]
            for subprocess in self.subprocesses.values():
                found += [t for t in subprocess.tasks.values() if t._state == TaskState.READY]
            if len(found) <= 1:
                return found
        tasks: list[Task] = super().get_tasks(first_task, **kwargs)
        return tasks

    def update_waiting_tasks(self) -> None:
        """As Workflow.update_waiting_tasks (the top-level tree's WAITING tasks), from the
        task table when there is at most one."""
        waiting = [t for t in self.tasks.values() if t._state == TaskState.WAITING]
        if len(waiting) > 1:
            super().update_waiting_tasks()
        elif waiting:
            waiting[0].task_spec._update(waiting[0])

    def is_completed(self) -> bool:
        """As Workflow.is_completed (no unfinished task left in the top-level tree), from the
        task table."""
        done = bool(getattr(self, "completed", False))
        if not done and not any(
            t._state & TaskState.NOT_FINISHED_MASK for t in self.tasks.values()
        ):
            self.completed = done = True
        return done
