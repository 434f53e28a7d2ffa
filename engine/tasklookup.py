"""Finding the tasks of a live workflow, shared by `engine.runtime` and `engine.casedata`."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.task import Task


def all_tasks(workflow: BpmnWorkflow) -> Iterator[Task]:
    """Every task of the instance and its sub-processes (one pass over the task tables,
    much cheaper than SpiffWorkflow's tree iterator)."""
    yield from workflow.tasks.values()
    for subprocess in workflow.subprocesses.values():
        yield from subprocess.tasks.values()


def workflow_task(workflow: BpmnWorkflow, task_id: UUID) -> Task | None:
    """A task anywhere in the workflow (top level or a sub-process)."""
    try:
        found: Task | None = workflow.get_task_from_id(task_id)
    except (KeyError, TypeError):
        return None
    return found
