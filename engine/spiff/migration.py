"""Move a running workflow onto the specs of another version, with SpiffWorkflow's diff helpers.

`SpecDiff` aligns the old specs with the new ones (by BPMN id, then by
structure); `migrate_workflow` re-points every aligned task at its new spec and
resets each READY or WAITING branch so its future is predicted from the new
diagram. It works on one (sub)workflow at a time: called and embedded
sub-processes are migrated one by one, and the top workflow's
`subprocess_specs` replaced. What the helper leaves undone is done here:

- refuse first when an open task (READY, WAITING, STARTED) has no element of
  a compatible type in the new version, or a running call activity now calls
  another process;
- keep the fire time of a waiting timer whose expression did not change (a
  reset would restart the deadline at the moment of migration);
- predict again the future of running sub-process tasks (never reset);
- refuse a case whose open step now leads to a join of parallel branches the
  case never split into (it would wait there for ever);
- refuse a case inside a multi-instance step (a reset would drop each
  instance's item);
- drop a called process the case has finished whose steps the new version no
  longer has (its data went back to the calling task; its facts and audit
  events stay), with a note;
- refuse when any task still points at an old spec afterwards, e.g. a step the
  case already passed and the new version removed: the stored case could not
  be loaded on the new version.
"""

from __future__ import annotations

from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import SubWorkflowTask
from SpiffWorkflow.bpmn.util.diff import diff_workflow, migrate_workflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.definitions import ProcessDefinition

OPEN = TaskState.READY | TaskState.WAITING | TaskState.STARTED
HUMAN = frozenset({"UserTask", "ManualTask", "NoneTask"})


@dataclass(frozen=True)
class MigrationOutcome:
    """Why the workflow cannot move (then it must be thrown away), and what to know if it can."""

    issues: list[MigrationIssue]
    notes: list[str]


@dataclass(frozen=True)
class MigrationIssue:
    """Why a case cannot move: the process (or sub-process) and element concerned."""

    process_id: str
    element_id: str | None
    message: str


def describe(spec: Any) -> str:
    """An element as people know it: its name and BPMN id."""
    if spec.bpmn_id is None and "." in spec.name:
        return f"the boundary events of {spec.name.split('.')[0]}"
    name = spec.bpmn_name or spec.bpmn_id or spec.name
    return f"{name!r} ({spec.bpmn_id})" if spec.bpmn_id and name != spec.bpmn_id else repr(name)


def _workflows(workflow: BpmnWorkflow, new: ProcessDefinition) -> Iterator[tuple[Any, Any]]:
    """(the top workflow or a sub-workflow, its spec in the new version or None)."""
    yield workflow, new.spec
    for sub in workflow.subprocesses.values():
        yield sub, new.subprocess_specs.get(sub.spec.name)


def _open_task_issue(
    task: Task, new_spec: Any, to_version: int, moved: dict[str, str] | None = None
) -> MigrationIssue | None:
    old = task.task_spec
    process_id = task.workflow.spec.name
    candidate = new_spec.task_specs.get(old.name)
    state = TaskState.get_name(task.state).lower()
    if candidate is None:
        why = f"is {state} at {describe(old)}, which version {to_version} does not have"
        called = (moved or {}).get(old.bpmn_id or "")
        if called is not None and called != process_id:
            why = (
                f"is {state} at {describe(old)}, which version {to_version} moved into the "
                f"called process {called!r}; the case finishes on its own version"
            )
        return MigrationIssue(process_id, old.bpmn_id, f"The case {why}.")
    kinds = {type(old).__name__, type(candidate).__name__}
    if len(kinds) > 1 and not kinds <= HUMAN:
        old_kind, new_kind = type(old).__name__, type(candidate).__name__
        why = f"{describe(old)} is a {old_kind} and becomes a {new_kind} in version {to_version}"
        return MigrationIssue(process_id, old.bpmn_id, f"The case is {state} there: {why}.")
    if isinstance(old, LoopTask):
        why = f"{describe(old)} repeats for several items; migrating it would lose its items"
        return MigrationIssue(process_id, old.bpmn_id, f"The case is inside it: {why}.")
    if isinstance(old, SubWorkflowTask) and getattr(candidate, "spec", None) != old.spec:
        why = f"{describe(old)} calls {old.spec!r} and would call {candidate.spec!r}"
        return MigrationIssue(process_id, old.bpmn_id, f"The case is inside it: {why}.")
    join = _new_join(old, candidate)
    if join is not None:
        why = (
            f"{describe(old)} leads to {describe(join)} in version {to_version}, a join of "
            "parallel branches the case never split into: it would wait there for ever"
        )
        return MigrationIssue(process_id, old.bpmn_id, f"The case is {state} there: {why}.")
    return None


def _new_join(old: Any, candidate: Any) -> Any:
    """A parallel join that follows the element in the new version but not in the old one."""
    before = {spec.name for spec in old.outputs}
    for spec in candidate.outputs:
        if type(spec).__name__ == "ParallelGateway" and len(spec.inputs) > 1:
            if spec.name not in before:
                return spec
    return None


def open_elements(workflow: BpmnWorkflow) -> tuple[str, ...]:
    """BPMN ids of the elements where the case stands (open tasks, any sub-process)."""
    ids = {
        task.task_spec.bpmn_id
        for wf, _spec in _all(workflow)
        for task in wf.get_tasks(state=OPEN, skip_subprocesses=True)
    }
    return tuple(sorted(i for i in ids if i))


def check(workflow: BpmnWorkflow, new: ProcessDefinition, to_version: int) -> list[MigrationIssue]:
    """Problems visible before moving: open tasks without a compatible element."""
    issues: list[MigrationIssue] = []
    moved = _moved_elements(new)
    for wf, spec in _workflows(workflow, new):
        if spec is None:
            message = (
                f"Process {wf.spec.name!r} runs in the case but is not in version {to_version}."
            )
            issues.append(MigrationIssue(wf.spec.name, None, message))
            continue
        for task in wf.get_tasks(state=OPEN, skip_subprocesses=True):
            issue = _open_task_issue(task, spec, to_version, moved)
            if issue is not None:
                issues.append(issue)
    return issues


def _moved_elements(new: ProcessDefinition) -> dict[str, str]:
    """BPMN id -> the called process of the new version that has it (a step that moved out of
    a process when it was split keeps its id)."""
    return {
        task_spec.bpmn_id: process_id
        for process_id, spec in new.subprocess_specs.items()
        for task_spec in spec.task_specs.values()
        if task_spec.bpmn_id
    }


def _timer_key(spec: Any) -> tuple[Any, Any] | None:
    definition = getattr(spec, "event_definition", None)
    expression = getattr(definition, "expression", None)
    return (type(definition).__name__, expression) if expression is not None else None


def _waiting_timers(workflow: BpmnWorkflow) -> dict[Any, tuple[Any, dict[str, Any]]]:
    return {
        task.id: (_timer_key(task.task_spec), deepcopy(task.internal_data))
        for wf, _spec in _all(workflow)
        for task in wf.get_tasks(state=TaskState.WAITING, skip_subprocesses=True)
        if _timer_key(task.task_spec) is not None
    }


def _all(workflow: BpmnWorkflow) -> Iterator[tuple[Any, Any]]:
    yield workflow, workflow.spec
    for sub in workflow.subprocesses.values():
        yield sub, sub.spec


def _restore_timers(workflow: BpmnWorkflow, saved: dict[Any, tuple[Any, dict[str, Any]]]) -> None:
    for wf, _spec in _all(workflow):
        for task in wf.get_tasks(state=TaskState.WAITING, skip_subprocesses=True):
            key, internal = saved.get(task.id, (None, {}))
            if key is not None and key == _timer_key(task.task_spec):
                task.internal_data = internal


def _predict_running_subprocesses(workflow: BpmnWorkflow) -> None:
    """Re-predict what follows each running sub-process task (the helper resets none).

    Until the sub-process ends, the children of its task are predictions only.
    """
    mask = TaskState.PREDICTED_MASK | TaskState.FUTURE
    for wf, _spec in _all(workflow):
        for task in wf.get_tasks(state=TaskState.STARTED, skip_subprocesses=True):
            if isinstance(task.task_spec, SubWorkflowTask):
                task._drop_children()
                task.task_spec._predict_hook(task)
                for child in task.children:
                    child.task_spec._predict(child, mask=mask)


def _leftovers(
    workflow: BpmnWorkflow, to_version: int, moved: dict[str, str]
) -> list[MigrationIssue]:
    issues = []
    for wf, spec in _all(workflow):
        for task in wf.get_tasks(skip_subprocesses=True):
            if spec.task_specs.get(task.task_spec.name) is task.task_spec:
                continue
            old = task.task_spec
            called = moved.get(old.bpmn_id or "")
            lacks = (
                f"moved into the called process {called!r}"
                if called is not None and called != wf.spec.name
                else "does not have"
            )
            if task.has_state(TaskState.FINISHED_MASK):
                why = f"already passed {describe(old)}, which version {to_version} {lacks}"
            else:
                why = f"expects {describe(old)} later on, which version {to_version} {lacks}"
            issues.append(MigrationIssue(wf.spec.name, old.bpmn_id, f"The case {why}."))
    return issues


def _finished_specs(workflow: BpmnWorkflow) -> dict[Any, Any]:
    return {
        task.id: task.task_spec
        for wf, _spec in _all(workflow)
        for task in wf.get_tasks(state=TaskState.FINISHED_MASK, skip_subprocesses=True)
        if task.task_spec.bpmn_id
    }


def _renamed_history(workflow: BpmnWorkflow, before: dict[Any, Any], to_version: int) -> list[str]:
    """Steps done under one id that SpecDiff matched, by position, to another id."""
    notes = []
    for wf, _spec in _all(workflow):
        for task in wf.get_tasks(state=TaskState.FINISHED_MASK, skip_subprocesses=True):
            old = before.get(task.id)
            if old is not None and old.name != task.task_spec.name:
                notes.append(
                    f"The case passed {describe(old)}; version {to_version} has "
                    f"{describe(task.task_spec)} in its place, which the case will not do."
                )
    return notes


def migrate(
    workflow: BpmnWorkflow, new: ProcessDefinition, registry: Any, to_version: int
) -> MigrationOutcome:
    """Move `workflow` onto `new` in place; any issue means it must be thrown away."""
    dropped = _drop_finished_history(workflow, new, to_version)
    issues = check(workflow, new, to_version)
    if issues:
        return MigrationOutcome(issues, [])
    timers, finished = _waiting_timers(workflow), _finished_specs(workflow)
    try:
        top, subs = diff_workflow(registry, workflow, new.spec, new.subprocess_specs)
    except KeyError as exc:  # a task whose spec the diff could not align
        issue = MigrationIssue(workflow.spec.name, str(exc), "The versions could not be aligned.")
        return MigrationOutcome([issue], [])
    migrate_workflow(top, workflow, new.spec)
    workflow.subprocess_specs = dict(new.subprocess_specs)
    for sub_id, sub_diff in subs.items():
        sub = workflow.subprocesses[sub_id]
        migrate_workflow(sub_diff, sub, new.subprocess_specs[sub.spec.name])
    _predict_running_subprocesses(workflow)
    _restore_timers(workflow, timers)
    return MigrationOutcome(
        _leftovers(workflow, to_version, _moved_elements(new)),
        dropped + _renamed_history(workflow, finished, to_version),
    )


def _outdated(sub: Any, new: ProcessDefinition) -> Any:
    """The first of a sub-workflow's task specs the new version lacks (None: none)."""
    spec = new.subprocess_specs.get(sub.spec.name)
    if spec is None:
        return sub.spec
    for task in sub.get_tasks(skip_subprocesses=True):
        if spec.task_specs.get(task.task_spec.name) is None:
            return task.task_spec
    return None


def _drop_finished_history(
    workflow: BpmnWorkflow, new: ProcessDefinition, to_version: int
) -> list[str]:
    """Drop called processes the case has finished whose steps the new version no longer has.

    They are history: their data went back to the calling task, their facts and audit events
    stay. Kept, the moved case could not be loaded on the new version.
    """
    notes = []
    for task_id, sub in list(workflow.subprocesses.items()):
        if task_id not in workflow.subprocesses or not sub.is_completed():
            continue
        missing = _outdated(sub, new)
        if missing is None:
            continue
        workflow.delete_subprocess(workflow.get_task_from_id(task_id))
        notes.append(
            f"The case finished {sub.spec.name!r}, whose {describe(missing)} version "
            f"{to_version} no longer has: its steps stay in the audit trail and the statistics; "
            "the moved case's diagram no longer draws them."
        )
    return notes
