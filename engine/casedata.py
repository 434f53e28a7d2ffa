"""The case data of a live workflow: each task keeps its own copy of the data, and these
functions overlay the copies (last steps, open branches, the process-wide data) into what
a case, a task or a completed step holds, or remove fields from every copy.

Nothing here touches the database; Spiff objects never leave engine/.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

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
        data.update(workflow.data)
    return data


def last_steps_data(workflow: BpmnWorkflow) -> dict[str, Any]:
    """The data of the last step of the case and of each process running inside it, newest
    last: a called process that calls another one (nrm_case -> case_help -> SOP 4B) keeps what
    the inner one returned in its own last step, not in the case's."""
    lasts = [workflow.last_task] + [
        sub.last_task for sub in workflow.subprocesses.values() if not sub.completed
    ]
    data: dict[str, Any] = {}
    for task in sorted((t for t in lasts if t is not None), key=_changed_at):
        data.update(task.data)
    return data


def newest_last(workflow: BpmnWorkflow, open_tasks: list[Task]) -> dict[str, Any]:
    """The last steps' data, then the open tasks' copies, each group in the order its copies
    were made, the process-wide data on top. Among open branches the newest copy wins: a
    branch opened before another branch's step must not put back the values that step
    changed (a child's safety check answered while her child-protection task is open)."""
    data = last_steps_data(workflow)
    for task in sorted(open_tasks, key=_changed_at):
        data.update(task.data)
    data.update(workflow.data)
    return data


def _changed_at(task: Task) -> float:
    return float(task.last_state_change)


def case_data(workflow: BpmnWorkflow) -> dict[str, Any]:
    """The case data as it stands: the last step's data plus every open branch."""
    open_tasks = [t for t in all_tasks(workflow) if t.state in (TaskState.READY, TaskState.WAITING)]
    return newest_last(workflow, open_tasks)


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
