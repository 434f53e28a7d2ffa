"""Operations on a live SpiffWorkflow instance, returning the project's own types.

Nothing here touches the database; `engine.cases` wraps these steps in one
transaction. Spiff objects never leave engine/.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn.specs.control import BoundaryEventSplit
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import MultiInstanceTask
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.agencies import resolve_lane
from engine.casedata import case_data
from engine.definitions import CompiledBundle, ProcessDefinition, TaskInfo, instance_name
from engine.errors import ScriptError, TaskNotReadyError, UnknownTaskError, WorkflowError
from engine.params import UNITS
from engine.spiff.timers import task_now
from engine.spiff.workflow import NrmWorkflow
from engine.tasklookup import all_tasks, workflow_task
from engine.workdays import DEFAULT_CALENDAR


@dataclass(frozen=True)
class OpenTask:
    """A READY human task as the inbox sees it."""

    id: str
    process_id: str
    bpmn_id: str
    name: str
    lane: str | None
    agency: str | None
    form: str | None
    due_at: datetime | None


@dataclass(frozen=True)
class PendingTimer:
    """A timer waiting to fire."""

    id: str
    bpmn_id: str
    name: str
    fire_at: datetime


def new_workflow(definition: ProcessDefinition, script_engine: Any) -> BpmnWorkflow:
    """A fresh instance of a process."""
    return NrmWorkflow(definition.spec, definition.subprocess_specs, script_engine=script_engine)


def run(workflow: BpmnWorkflow) -> None:
    """Run engine steps to the next wait state, mapping library errors to ours."""
    try:
        workflow.do_engine_steps()
    except SpiffWorkflowException as exc:
        raise _workflow_error(exc) from exc


def _workflow_error(exc: SpiffWorkflowException) -> Exception:
    # SpiffWorkflow raises its exception while handling (or from) the diagram code's own.
    inner = exc.__cause__ or exc.__context__
    spec = getattr(exc, "task_spec", None)
    element_id = getattr(spec, "bpmn_id", None) or getattr(spec, "name", None)
    process_id = getattr(getattr(exc, "task", None), "workflow", None)
    process_id = getattr(getattr(process_id, "spec", None), "name", None)
    line = getattr(exc, "line_number", None) or None
    if isinstance(inner, ScriptError):
        return type(inner)(
            f"{inner.message} (element {element_id})",
            element_id=element_id,
            process_id=process_id,
            line=line,
        )
    return WorkflowError(str(exc), element_id=element_id, process_id=process_id, line=line)


def ready_task(workflow: BpmnWorkflow, task_id: str) -> Task:
    """The task with this id, only if it is READY and manual (Task.run has no guard)."""
    try:
        task = workflow.get_task_from_id(UUID(task_id))
    except (ValueError, KeyError, TypeError) as exc:
        raise UnknownTaskError(f"No task {task_id} in this case.", task_id=task_id) from exc
    if task is None:
        raise UnknownTaskError(f"No task {task_id} in this case.", task_id=task_id)
    if not (task.has_state(TaskState.READY) and task.task_spec.manual):
        state = TaskState.get_name(task.state)
        raise TaskNotReadyError(
            f"Task {task.task_spec.bpmn_name or task_id} is not open (state {state}).",
            task_id=task_id,
        )
    return task


def complete(workflow: BpmnWorkflow, task: Task, data: Mapping[str, Any]) -> None:
    """Merge form data into the task, run it, and advance to the next wait state."""
    task.data.update(data)
    try:
        task.run()
    except SpiffWorkflowException as exc:
        raise _workflow_error(exc) from exc
    run(workflow)


def refresh_timers(workflow: BpmnWorkflow) -> None:
    """Let every timer due by the engine clock fire, then advance."""
    try:
        workflow.refresh_timers()
    except SpiffWorkflowException as exc:
        raise _workflow_error(exc) from exc
    run(workflow)


@dataclass(frozen=True)
class Snapshot:
    """What a step leaves: open human tasks, waiting timers, the case data."""

    open_tasks: list[OpenTask]
    timers: list[PendingTimer]
    data: dict[str, Any]


def snapshot(workflow: BpmnWorkflow, bundle: CompiledBundle, params: Mapping[str, Any]) -> Snapshot:
    """Open tasks, timers and data of the instance, read in one pass."""
    ready: list[Task] = []
    timers: list[PendingTimer] = []
    for task in all_tasks(workflow):
        state = task._state  # the attribute `state` reads, without the property's call
        if state == TaskState.READY:
            if task.task_spec.manual:
                ready.append(task)
        elif state == TaskState.WAITING:
            timer = _pending_timer(task)
            if timer is not None:
                timers.append(timer)
    data = case_data(workflow)
    return Snapshot([_open_task(t, bundle, params, data) for t in ready], timers, data)


def open_tasks(
    workflow: BpmnWorkflow, bundle: CompiledBundle, params: Mapping[str, Any]
) -> list[OpenTask]:
    """Every READY human task with its agency (lanes inherited into called processes)."""
    return snapshot(workflow, bundle, params).open_tasks


def _open_task(
    task: Task, bundle: CompiledBundle, params: Mapping[str, Any], case: Mapping[str, Any]
) -> OpenTask:
    process_id = task.workflow.spec.name
    info = bundle.task(process_id, task.task_spec.bpmn_id)
    lane = _lane(task, bundle)
    name = (info.name if info else None) or task.task_spec.bpmn_name or task.task_spec.name
    if info is not None and info.instance_label:
        name = instance_name(name, _instance_label(task, bundle, info.instance_label))
    return OpenTask(
        id=str(task.id),
        process_id=process_id,
        bpmn_id=task.task_spec.bpmn_id,
        name=name,
        lane=lane,
        agency=resolve_lane(lane, task.data, params, case),
        form=info.form if info else None,
        due_at=_due_at(task, info, params),
    )


def _instance_label(task: Task, bundle: CompiledBundle, field_name: str) -> str | None:
    """The title of a multi-instance task's item among the choices of a form field."""
    item = instance_item(task)
    return None if item is None else bundle.choice_title(field_name, item)


def instance_item(task: Task) -> Any:
    """The item one instance of a multi-instance task works on (None for other tasks)."""
    parent = task.parent
    spec = parent.task_spec if parent is not None else None
    if not isinstance(spec, MultiInstanceTask) or spec.input_item is None:
        return None
    return task.data.get(spec.input_item.bpmn_id)


def _lane(task: Task, bundle: CompiledBundle) -> str | None:
    """The lane id of a task; inside a called process without lanes, the caller's lane."""
    current: Task | None = task
    while current is not None:
        info = bundle.task(current.workflow.spec.name, current.task_spec.bpmn_id or "")
        if info is not None and info.lane_id:
            return info.lane_id
        parent_id = current.workflow.parent_task_id
        current = workflow_task(current.workflow.top_workflow, parent_id) if parent_id else None
    return None


def _due_at(task: Task, info: TaskInfo | None, params: Mapping[str, Any]) -> datetime | None:
    """The boundary timers' deadline, else the one the task's `dueParameter` sets."""
    timed = _boundary_due(task)
    if timed is not None or info is None or not info.due_parameter:
        return timed
    return _parameter_due(task, info.due_parameter, params)


# Where a task keeps the deadline its dueParameter gave it when it opened (saved with it).
DUE_KEY = "nrm_due_at"


def _parameter_due(task: Task, name: str, params: Mapping[str, Any]) -> datetime | None:
    """Counted once, from when the task opened (the engine clock), in the parameter's unit."""
    stored = task._get_internal_data(DUE_KEY)
    if isinstance(stored, str):
        return datetime.fromisoformat(stored)
    unit, amount = UNITS.get(name), params.get(name)
    if unit is None or isinstance(amount, bool) or not isinstance(amount, int | float):
        return None  # validation refuses such a diagram
    calendar = getattr(task.workflow.script_engine, "calendar", DEFAULT_CALENDAR)
    due = calendar.due(task_now(task), amount, unit)
    task._set_internal_data(**{DUE_KEY: due.isoformat()})
    return due


def _boundary_due(task: Task) -> datetime | None:
    """Earliest deadline set by the timers on this task's boundary — also once a
    non-interrupting one has fired: the task stays overdue while it is open."""
    parent = task.parent
    if parent is None or not isinstance(parent.task_spec, BoundaryEventSplit):
        return None
    times = [_timer_value(sibling) for sibling in parent.children if sibling is not task]
    known = [t for t in times if t is not None]
    return min(known) if known else None


def fire_time(task: Task) -> datetime | None:
    """When a waiting timer task fires, if it is one."""
    if not task.has_state(TaskState.WAITING):
        return None
    return _timer_value(task)


def _timer_value(task: Task) -> datetime | None:
    """The moment a timer task was set for (whatever its state), if it is one."""
    value = task._get_internal_data("event_value")
    if isinstance(value, dict):
        value = value.get("next")
    if not isinstance(value, str):
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _pending_timer(task: Task) -> PendingTimer | None:
    moment = fire_time(task)
    if moment is None:
        return None
    return PendingTimer(
        str(task.id),
        task.task_spec.bpmn_id or task.task_spec.name,
        task.task_spec.bpmn_name or "",
        moment,
    )


def pending_timers(workflow: BpmnWorkflow) -> list[PendingTimer]:
    """Every waiting timer with its fire time."""
    timers = (_pending_timer(t) for t in all_tasks(workflow) if t.state == TaskState.WAITING)
    return [t for t in timers if t is not None]


# A spiffworkflow property of an event (a timer that runs out, say): the case reached this
# milestone when the event happened, as a form's "x-milestone" does (engine/facts.py).
MILESTONE_PROPERTY = "milestone"


def event_milestones(
    workflow: BpmnWorkflow, task_ids: Iterable[str] | None = None
) -> list[tuple[str, datetime | None]]:
    """(milestone, when the timer was set for) of each completed event that names one, among
    the given tasks (or all of them)."""
    if task_ids is None:
        tasks: Iterable[Task | None] = all_tasks(workflow)
    else:
        tasks = (workflow_task(workflow, UUID(t)) for t in task_ids)
    found = []
    for task in tasks:
        if task is None or not task.has_state(TaskState.COMPLETED):
            continue
        properties = (getattr(task.task_spec, "extensions", None) or {}).get("properties") or {}
        name = properties.get(MILESTONE_PROPERTY)
        if name:
            found.append((str(name), _timer_value(task)))
    return found


def is_completed(workflow: BpmnWorkflow) -> bool:
    """True when the process reached its end."""
    return bool(workflow.is_completed())


def cancel(workflow: BpmnWorkflow) -> None:
    """Cancel every open task of the instance."""
    workflow.cancel()
