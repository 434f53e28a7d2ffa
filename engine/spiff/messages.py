"""Messages from outside delivered to a waiting case: which catch events wait, and catching.

SpiffWorkflow 3.2 catches an external message (`BpmnWorkflow.send_event`) at every waiting
catch event with that name anywhere in the case, and starts event sub-processes only in the
top-level process (by connecting them to the shared spec's start, after which every new case
starts them at once). The engine delivers messages itself instead:

- The catchers are the waiting message catch events (intermediate and boundary) and the
  message start events of the event sub-processes of every running process instance (the
  case's process, and each called or embedded process that has not ended); an event
  sub-process already running is not started again.
- Of the catchers of one message name, only those in the innermost process instance
  receive it (a consent withdrawn while SOP 3 runs inside the case reaches SOP 3's event
  sub-process, not the case's): the deepest instance is the one serving the person now.
  Several catchers in that same instance (parallel branches) all receive it, those that do
  not interrupt first (engine/cases.py: an interrupting one ends the others' instance work,
  and what they record must be there when it does, whatever the order in the file). While the
  innermost instance's event sub-process for a message runs, the message is not awaited
  (the outer instances' do not take it either).
- An event sub-process starts as a child of its process instance's root, fed with that
  instance's data; an interrupting one (isInterrupting, BPMN's default) cancels everything
  else its instance was doing (SpiffWorkflow leaves that to the caller). What the processes
  it cancels (called by that instance, at any depth) recorded since they were called joins
  its data, as their call activities would have returned it on completing (a withdrawal in
  the case while 4B runs keeps the reflection period noted there).
- A catcher may cover part of what a message can be about (`messageCovers="field=code
  ..."`): it receives only a payload whose field names one of its codes; the innermost rule
  applies among those that do.
- A catcher may wait only while its process instance's data says so
  (`messageWhile="field=code code"`; a called process that is called from several places
  catches a withdrawal in one of them): while it does not, it is not a catcher at all, and
  the innermost rule picks among the others.
- The payload joins the catching task's data (the path after the catch reads it, and the
  case data shows it from that branch; where branches meet, `branches` merges it like any
  answer); with it `message_receivers`, the processes that receive this one delivery (so
  that the branches side by side can leave a task to one of them: one withdrawal, one
  child-protection task). It is not put above the case data (the workflow data): a form
  answering the same field later is what the case shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import CallActivity, SubWorkflowTask
from SpiffWorkflow.bpmn.util import BpmnEvent
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.definitions import CompiledBundle, MessageInfo


def prepare_event_subprocesses(spec: Any, subprocess_specs: Mapping[str, Any]) -> None:
    """Let the engine start message-triggered event sub-processes of every process: each
    gets its process's start as input (SpiffWorkflow checks a task has one) and its end as
    output (the process ends only once it has ended), without being an output of the
    start (which would start it in every new case). Idempotent; run once per parse."""
    for process in [spec, *(s for s in subprocess_specs.values() if s is not None)]:
        start = getattr(process, "start", None)
        if start is None:
            continue
        for name in getattr(start, "trigger_specs", None) or []:
            esp = process.task_specs.get(name)
            if esp is None:
                continue
            if start.name not in esp._inputs:
                esp._connect_notify(start)
            if process.end.name not in esp._outputs:
                esp.connect(process.end)


@dataclass(frozen=True)
class Catcher:
    """One place a case waits for a message: a waiting catch event (`task`), or an event
    sub-process that the message would start in a running process instance (`instance`)."""

    info: MessageInfo
    depth: int
    task: Task | None = None
    instance: BpmnWorkflow | None = None
    esp_name: str | None = None
    busy: bool = False  # the event sub-process runs already: it takes no second message


def _is_message(task: Task) -> bool:
    definition = getattr(task.task_spec, "event_definition", None)
    return isinstance(definition, MessageEventDefinition)


def _running(workflow: BpmnWorkflow) -> Iterator[BpmnWorkflow]:
    """The case's process and every process instance inside it that is running now."""
    yield workflow
    for sub in workflow.subprocesses.values():
        if sub.completed:
            continue
        parent = workflow.get_task_from_id(sub.parent_task_id)
        if parent is not None and parent.has_state(TaskState.STARTED):
            yield sub


def catchers(workflow: BpmnWorkflow, bundle: CompiledBundle) -> list[Catcher]:
    """Every place the case waits for a message that agencies send (declared senders)."""
    found: list[Catcher] = []
    for task in list(workflow.event_manager.tasks.values()):
        if task._state != TaskState.WAITING or not _is_message(task):
            continue
        info = bundle.message(task.workflow.spec.name, task.task_spec.bpmn_id or "")
        if info is not None and info.senders and _waits(info, task.workflow):
            found.append(Catcher(info, task.workflow.depth, task=task))
    for instance in _running(workflow):
        start = instance.spec.start
        running = {
            sub.spec.name
            for sub in workflow.subprocesses.values()
            if sub.parent_workflow is instance and not sub.completed
        }
        for name in getattr(start, "trigger_specs", None) or []:
            sp_spec = workflow.subprocess_specs.get(name)
            if sp_spec is None:
                continue
            for event in sp_spec.bpmn_start_events:
                if not isinstance(event.event_definition, MessageEventDefinition):
                    continue
                info = bundle.message(name, event.bpmn_id or "")
                if info is not None and info.senders and _waits(info, instance):
                    found.append(
                        Catcher(
                            info,
                            instance.depth,
                            instance=instance,
                            esp_name=name,
                            busy=name in running,
                        )
                    )
    return found


def _waits(info: MessageInfo, instance: BpmnWorkflow) -> bool:
    """False when the catcher's `messageWhile` does not hold on its instance's data now."""
    return info.while_field is None or info.waits_with(instance_data(instance))


def receivers(
    found: list[Catcher], name: str, payload: Mapping[str, Any] | None = None
) -> list[Catcher]:
    """The catchers of one message name in the innermost process instances waiting for it:
    those with no instance inside them (at any depth) that waits for it too, so branches side
    by side at different depths (the proceedings in the case, SOP 3 and 4B in a called
    process) all receive it; none of an instance whose event sub-process for it runs already.
    With a payload, only the catchers whose `messageCovers` it falls within count (a
    withdrawal of consent to the proceedings reaches the proceedings, not the rehabilitation
    beside them)."""
    named = [
        c for c in found if c.info.message == name and (payload is None or c.info.receives(payload))
    ]
    outer = {id(a) for c in named for a in _ancestors(_instance(c))}
    return [c for c in named if id(_instance(c)) not in outer and not c.busy]


def _instance(catcher: Catcher) -> Any:
    """The process instance a catcher belongs to."""
    if catcher.instance is not None:
        return catcher.instance
    assert catcher.task is not None
    return catcher.task.workflow


def _ancestors(instance: Any) -> Iterator[Any]:
    """The process instances around one (its caller, the caller's caller, ... the case)."""
    parent = instance.parent_workflow
    while parent is not None:
        yield parent
        parent = parent.parent_workflow


def process_of(catcher: Catcher) -> str:
    """The process (id) whose instance a catcher belongs to (not its event sub-process)."""
    return str(_instance(catcher).spec.name)


def deliver(workflow: BpmnWorkflow, catcher: Catcher, payload: Mapping[str, Any]) -> Task:
    """Catch the message at one catcher (the caller then runs the case on); the task that
    caught it (its data, once completed, is what this delivery recorded)."""
    task = catcher.task
    if task is None:
        task = _start_event_subprocess(workflow, catcher)
    event = BpmnEvent(task.task_spec.event_definition, payload=dict(payload))
    task.task_spec.catch(task, event)
    task.data.update(deepcopy(dict(payload)))
    task.task_spec._update(task)
    # updating, the event merged its parent's data over its own: a field the payload
    # answers anew (a consent given before, now withdrawn) had its old value back. That
    # merge (SpiffWorkflow's DeepMerge) changes lists and objects in place — a list is cut to
    # the parent's length — so the task got copies and the payload itself is put back whole.
    task.data.update(deepcopy(dict(payload)))
    return task


def _start_event_subprocess(workflow: BpmnWorkflow, catcher: Catcher) -> Task:
    instance = catcher.instance
    assert instance is not None and catcher.esp_name is not None
    root = instance.task_tree
    # what the instance holds now, with what the processes it is calling recorded since
    returned = called_data(workflow, instance)
    current = {**instance_data(instance), **returned}
    if catcher.info.interrupting:
        for child in list(root.children):
            child.cancel()
    esp = instance.spec.task_specs[catcher.esp_name]
    child = root._add_child(esp, TaskState.FUTURE)
    # what follows it (its process's end) is predicted now: without it the event sub-process
    # ends and its process instance never does, so a call activity waiting on it stays open
    esp._predict(child, mask=TaskState.NOT_FINISHED_MASK)
    child.triggered = True
    child.task_spec._update(child)
    sub = workflow.subprocesses[child.id]
    # Set after it started: starting, it merges its root's data (the instance's first data:
    # for the case, the report) over its own, so it would see an age or a place corrected
    # since as first reported. Set on what has run or waits: a task still predicted takes
    # its data from these when it runs.
    started = TaskState.COMPLETED | TaskState.STARTED | TaskState.READY | TaskState.WAITING
    for task in [child, *sub.tasks.values()]:
        if task.has_state(started):
            task.data.update(deepcopy(current))
    for task in sub.tasks.values():
        if task.task_spec.bpmn_id == catcher.info.bpmn_id and task._state == TaskState.WAITING:
            return task
    raise LookupError(f"event sub-process {catcher.esp_name} did not wait for its message")


def instance_data(instance: BpmnWorkflow) -> dict[str, Any]:
    """The data of one process instance as it stands: its last step and its open branches,
    each copy over the older ones (a branch opened before another branch's step does not put
    back what that step changed)."""
    copies = [t for t in instance.tasks.values() if t._state in _OPEN]
    if instance.last_task is not None:
        copies.append(instance.last_task)
    data: dict[str, Any] = {}
    for task in sorted(copies, key=lambda t: float(t.last_state_change)):
        data.update(task.data)
    return data


_OPEN = (TaskState.READY, TaskState.WAITING, TaskState.STARTED)


def called_data(
    workflow: BpmnWorkflow, instance: BpmnWorkflow, *, inside: bool = False
) -> dict[str, Any]:
    """What the processes an instance is calling now (its running call activities, and what
    runs inside them: the processes they call, their event sub-processes) have recorded since
    they were called, as each would return it to its call activity on completing (all its
    data, or only its dataOutputs when it declares some). Read before an interrupting event
    sub-process cancels them, so that what the person did there stays in the case data. A
    value a called process received and left unchanged is not returned: a newer value the
    caller holds (from a branch beside the call) is not replaced by the older copy."""
    kind = SubWorkflowTask if inside else CallActivity
    returned: dict[str, Any] = {}
    for task in instance.tasks.values():
        if task._state != TaskState.STARTED or not isinstance(task.task_spec, kind):
            continue
        sub = workflow.subprocesses.get(task.id)
        if sub is None or sub.completed:
            continue
        output = {**instance_data(sub), **called_data(workflow, sub, inside=True)}
        io = sub.spec.io_specification
        if io is not None and io.data_outputs:
            names = {var.bpmn_id for var in io.data_outputs}
            output = {k: v for k, v in output.items() if k in names}
        for name, value in output.items():
            if name not in task.data or task.data[name] != value:
                returned[name] = deepcopy(value)
    return returned
