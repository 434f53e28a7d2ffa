"""Where a live case has been, read from its SpiffWorkflow task tree: the finished
elements, the sequence flows taken and the open elements (the diagram's coverage), and
which activities hold each open task (a called SOP with an overdue task is overdue too)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.definitions import CompiledBundle


@dataclass(frozen=True)
class CasePath:
    """Where a case has been: finished elements, taken flows, open elements (per process).

    `within` names, per READY task id, the task's own element and the activities (call
    activities, sub-processes) holding it, innermost first, each as (process, element)."""

    completed: frozenset[tuple[str, str]]
    flows: frozenset[tuple[str, str]]
    open: frozenset[tuple[str, str]]
    within: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


def case_path(workflow: BpmnWorkflow, bundle: CompiledBundle) -> CasePath:
    """Finished elements and the sequence flows between them, read from the task tree."""
    completed: set[tuple[str, str]] = set()
    flows: set[tuple[str, str]] = set()
    waiting: set[tuple[str, str]] = set()
    within: dict[str, tuple[tuple[str, str], ...]] = {}
    holders = _holders(bundle)
    for task in workflow.get_tasks():
        bpmn_id = task.task_spec.bpmn_id
        if not bpmn_id:
            continue
        process_id = task.workflow.spec.name
        # an element of an (event) sub-process is one of its process's too (lane coverage)
        owners = _owners(process_id, holders)
        if task.has_state(TaskState.READY):
            within[str(task.id)] = _within(task, holders)
        if task.has_state(TaskState.READY | TaskState.WAITING | TaskState.STARTED):
            waiting.update((owner, bpmn_id) for owner in owners)
        elif task.has_state(TaskState.COMPLETED):
            completed.update((owner, bpmn_id) for owner in owners)
        else:
            continue
        # A flow was taken when the element it enters was reached (done or now open).
        source = _bpmn_parent(task)
        flow = bundle.flow(process_id, source, bpmn_id) if source else None
        if flow is not None:
            flows.add((process_id, flow.flow_id))
            holder = holders.get(process_id)
            while holder is not None:  # an (event) sub-process's flow is its process's too
                flows.add((holder, flow.flow_id))
                holder = holders.get(holder)
    return CasePath(frozenset(completed), frozenset(flows), frozenset(waiting), within)


def _owners(process_id: str, holders: Mapping[str, str]) -> list[str]:
    """The process or sub-process, then the ones holding it (an embedded sub-process's
    elements are drawn in its process's diagram)."""
    owners = [process_id]
    while holders.get(owners[-1]) is not None:
        owners.append(holders[owners[-1]])
    return owners


def _within(task: Task, holders: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The task's element, then each activity holding it up to the case's process."""
    chain: list[tuple[str, str]] = []
    while task is not None:
        owners = _owners(task.workflow.spec.name, holders)
        chain.extend((owner, str(task.task_spec.bpmn_id)) for owner in owners)
        parent_id = getattr(task.workflow, "parent_task_id", None)
        task = task.workflow.top_workflow.get_task_from_id(parent_id) if parent_id else None
    return tuple(chain)


def _holders(bundle: CompiledBundle) -> dict[str, str]:
    """Embedded (event) sub-process id -> id of the process or sub-process holding it."""
    containers = {process_id for process_id, _ in bundle.tasks}
    return {
        bpmn_id: process_id
        for process_id, bpmn_id in bundle.tasks
        if bpmn_id in containers and bpmn_id != process_id
    }


def _bpmn_parent(task: Task) -> str | None:
    """The nearest finished ancestor that is a BPMN element (skips Spiff's control tasks)."""
    parent = task.parent
    while parent is not None:
        if parent.task_spec.bpmn_id and parent.has_state(TaskState.COMPLETED):
            return str(parent.task_spec.bpmn_id)
        parent = parent.parent
    return None
