"""The case data of a live workflow: each task keeps its own copy of the data, and these
functions merge the copies (open branches three ways, `engine/spiff/branches`) into what
a case, a task or a completed step holds, or remove fields from every copy.

Nothing here touches the database; Spiff objects never leave engine/.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from engine.spiff.branches import current_data
from engine.spiff.serializer import forget
from engine.tasklookup import all_tasks, workflow_task


def completed_data(workflow: BpmnWorkflow, task_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The data each completed task held when it was completed (its form's answers as sent);
    tasks not (or no longer) in the workflow, or not completed, are left out."""
    found: dict[str, dict[str, Any]] = {}
    for task_id in task_ids:
        try:
            task = workflow_task(workflow, UUID(task_id))
        except ValueError:
            task = None
        if task is not None and task.has_state(TaskState.COMPLETED):
            found[task_id] = dict(task.data)
    return found


def task_data(workflow: BpmnWorkflow, task_id: str) -> dict[str, Any]:
    """The data an open task works on: the case data, overlaid with the task's own copy (a
    parallel branch or one instance of a multi-instance task sees its own values)."""
    data = case_data(workflow)
    try:
        task = workflow_task(workflow, UUID(task_id))
    except ValueError:
        task = None
    if task is not None and task.has_state(TaskState.READY):
        data.update(task.data)
    return data


def case_data(workflow: BpmnWorkflow) -> dict[str, Any]:
    """The case data as it stands: every copy the case holds now (each running process's last
    step, its open tasks, the last task of a branch waiting at a join) merged three ways
    against the task they all descend from, the later change winning, as where branches meet
    (`engine/spiff/branches.current_data`, docs/architecture.md "Where branches meet")."""
    return current_data(workflow)


def scrub(workflow: BpmnWorkflow, fields: set[str]) -> int:
    """Remove these fields from every copy of the data the instance holds (each task keeps
    its own); returns how many values were removed."""
    removed = 0
    tasks = list(all_tasks(workflow))
    for task in tasks:
        forget(task)  # its saved text may hold the values
    holders = [t.data for t in tasks] + [workflow.data]
    holders += [sp.data for sp in workflow.subprocesses.values()]
    for data in holders:
        for name in fields & data.keys():
            del data[name]
            removed += 1
    return removed
