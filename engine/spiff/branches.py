"""Where branches of a process meet, their data is merged three ways: nothing one branch
recorded is lost to an older copy another branch carries.

SpiffWorkflow gives each branch of a parallel split its own copy of the data. Where they meet
(a parallel or inclusive join, or the end of the process, where every branch that ends on its
own and every event sub-process arrives), its join copies the branches over each other in the
order they arrived: the last one's copy of a field wins, also when that branch never changed
it and only carries the value it had at the split. A child's safety check answered in one
branch was put back by the other branch's older copy.

Here the join's data is built instead from
- the base: the data where the branches split (the task they all descend from);
- each branch's changes: the fields whose value at its arrival differs from the base (a field
  a branch removed is not a change: `del` in a script hands back only what a branch added);
- in the order the changes were made, oldest first, so that of two branches changing the same
  field the later change wins. A change is dated by the completion of the first task on the
  branch's way from the split that held the value it arrives with (a user task's answer, a
  script, a called process returning it). Objects are merged field by field the same way;
  lists and other values are replaced whole.

An event sub-process is fed the data of its process instance when it starts (not its task
tree's): its changes are those it made itself, against what it was fed (its start's data).
When a non-interrupting one ends, it hands them to what its instance is running now
(`EventSubprocess`): each running task (and the processes called from them, at any depth)
takes each change unless its own branch changed the same field later.

The spec classes keep SpiffWorkflow's class names (migration checks and the spec comparison
read them) and are stored under the library's type names: a saved case does not record which
class ran it.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Mapping
from copy import deepcopy
from typing import Any

from SpiffWorkflow.bpmn.specs.control import _EndJoin as LibraryEndJoin
from SpiffWorkflow.bpmn.specs.defaults import InclusiveGateway as LibraryInclusiveGateway
from SpiffWorkflow.bpmn.specs.defaults import ParallelGateway as LibraryParallelGateway
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import SubWorkflowTask
from SpiffWorkflow.specs.Join import Join
from SpiffWorkflow.spiff.specs.defaults import SubWorkflowTask as LibrarySubWorkflowTask
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

_MISSING = object()

# A change: when it was made, and the value.
Change = tuple[float, Any]


def _lineage(task: Task) -> list[Task]:
    """The task and its ancestors in its process instance's tree, nearest first."""
    found = []
    current: Task | None = task
    while current is not None:
        found.append(current)
        current = current.parent
    return found


def split_of(tips: Iterable[Task]) -> Task | None:
    """The nearest task every one of these descends from (or is): where they split."""
    tips = list(tips)
    if not tips:
        return None
    common = _lineage(tips[0])
    for tip in tips[1:]:
        ancestors = {id(t) for t in _lineage(tip)}
        common = [t for t in common if id(t) in ancestors]
    return common[0] if common else None


# Internal data of a task that was handed fields by an event sub-process: {field: [when,
# digest of the value handed]} (a digest: no personal value is kept outside the data).
HANDED_BACK = "nrm_handed_back"


def _marks(task: Task) -> dict[str, list[Any]]:
    marks = task._get_internal_data(HANDED_BACK)
    return marks if isinstance(marks, dict) else {}


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def dated_changes(
    tip: Task, stop: Task | None, base: Mapping[str, Any], only: Iterable[str] | None = None
) -> dict[str, Change]:
    """The fields of `tip`'s copy that differ from `base` (added or changed, not removed),
    each dated by the last state change (for a finished task, its completion) of the first
    task on its way back towards `stop` (across called processes) that already held the
    value. A field an event sub-process handed to a task on the way counts as a change there,
    also when its value is the base's again: dated by the hand-back while it holds the value
    handed, else by that task's completion (its form answered it anew)."""
    path = []
    node: Task | None = tip
    while node is not None and node is not stop:
        path.append(node)
        node = _up(node)
    marked = {key for task in path for key in _marks(task)}
    data = tip.data
    keys = data.keys() if only is None else [k for k in only if k in data]
    pending = {k: data[k] for k in keys if k in marked or base.get(k, _MISSING) != data[k]}
    found: dict[str, Change] = {}
    for task in path:
        if not pending:
            break
        held, when, marks = task.data, float(task.last_state_change), _marks(task)
        for key in list(pending):
            value = pending[key]
            if held.get(key, _MISSING) != value:
                del pending[key]  # the task after this one gave it that value
                continue
            found[key] = (when, value)
            if key in marks:
                handed_at, digest = marks[key]
                if digest == _digest(value) or not task.has_state(TaskState.COMPLETED):
                    found[key] = (float(handed_at), value)
                del pending[key]
    return found


def _apply(target: dict[str, Any], key: str, base: Any, value: Any) -> None:
    """Put one change into `target`: an object field by field (what it changed against its
    base), anything else whole."""
    current = target.get(key, _MISSING)
    if isinstance(value, dict) and isinstance(base, dict) and isinstance(current, dict):
        for name, item in value.items():
            was = base.get(name, _MISSING)
            if was != item:
                _apply(current, name, was, item)
        return
    target[key] = deepcopy(value)


def merge(base: Mapping[str, Any], branches: Iterable[Mapping[str, Change]]) -> dict[str, Any]:
    """The base with every branch's changes applied, oldest change first (the later of two
    changes of one field wins; at the same moment, the branch listed later)."""
    result = deepcopy(dict(base))
    ordered = sorted(
        (
            (when, order, key, value)
            for order, branch in enumerate(branches)
            for key, (when, value) in branch.items()
        ),
        key=lambda change: (change[0], change[1]),
    )
    for _when, _order, key, value in ordered:
        _apply(result, key, base.get(key, _MISSING), value)
    return result


def _is_event_subprocess(task: Task) -> bool:
    return isinstance(task.task_spec, EventSubprocess)


def event_subprocess_changes(task: Task) -> dict[str, Change]:
    """What an event sub-process (its task, ended or running) changed against the data it was
    fed when it started, each change dated inside it."""
    sub = task.workflow.top_workflow.subprocesses.get(task.id)
    if sub is None:
        return {}
    start = sub.task_tree
    return dated_changes(sub.last_task or start, start, start.data)


def _branch_changes(tip: Task, split: Task) -> dict[str, Change]:
    if _is_event_subprocess(tip) and tip.parent is split:
        return event_subprocess_changes(tip)
    return dated_changes(tip, split, split.data)


def merged_at_join(my_task: Task) -> dict[str, Any] | None:
    """The data a join (the task that fires it) goes on with: the three-way merge of every
    branch that arrived in this round (None when it has nothing to merge)."""
    spec = my_task.task_spec
    previous = next((t for t in _lineage(my_task)[1:] if t.task_spec is spec), None)
    arrived = [my_task]
    for task in my_task.workflow.tasks.values():
        if task is my_task or task.task_spec is not spec:
            continue
        if not task.has_state(TaskState.FINISHED_MASK) or my_task.is_descendant_of(task):
            continue
        if previous is not None and not task.is_descendant_of(previous):
            continue  # an earlier round of a loop through this join
        arrived.append(task)
    tips = [t.parent for t in arrived if t.parent is not None]
    tips = [t for t in tips if t is my_task.parent or t.has_state(TaskState.COMPLETED)]
    split = split_of(tips)
    if split is None or len(tips) < 2:
        return None
    tips.sort(key=lambda t: float(t.last_state_change))
    return merge(split.data, [_branch_changes(tip, split) for tip in tips])


class ThreeWayJoin:
    """Mixin for SpiffWorkflow's joins: after the library's own join (its bookkeeping), the
    task goes on with the three-way merge of the branches instead of the last one's copy."""

    def _run_hook(self, my_task: Task) -> Any:
        merged = merged_at_join(my_task)
        result = super()._run_hook(my_task)  # type: ignore[misc]
        if merged is not None:
            my_task.data = merged
        return result


class ParallelGateway(ThreeWayJoin, LibraryParallelGateway):  # type: ignore[misc]
    """A parallel gateway whose join merges the branches three ways."""


class InclusiveGateway(LibraryInclusiveGateway):  # type: ignore[misc]
    """An inclusive gateway whose join merges the branches three ways. SpiffWorkflow's
    inclusive gateway joins and then chooses its outgoing flows in one hook: the merge is put
    in place before the conditions are read."""

    def _get_matching_outputs(self, my_task: Task) -> Any:
        merged = merged_at_join(my_task)
        if merged is not None:
            my_task.data = merged
        return super()._get_matching_outputs(my_task)


class EndJoin(ThreeWayJoin, LibraryEndJoin):  # type: ignore[misc]
    """A process's end, where every branch ending on its own and every event sub-process
    arrives: merged three ways; the process-wide data gets the merged data."""

    def _run_hook(self, my_task: Task) -> Any:
        result = super()._run_hook(my_task)
        my_task.workflow.data.update(deepcopy(my_task.data))
        return result


EndJoin.__name__ = EndJoin.__qualname__ = "_EndJoin"


def hand_back(task: Task) -> None:
    """An event sub-process ended: its changes go to every task its process instance runs
    now (and into the processes those call), unless that task's own branch changed the same
    field after it."""
    found = event_subprocess_changes(task)
    if not found:
        return
    newest = dict(found)
    now = time.time()
    for running in _running_tasks(task.workflow, skip=task):
        handed = dict(_marks(running))
        for key, (when, value) in found.items():
            held = running.data.get(key, _MISSING)
            if held == value:
                continue
            if held is not _MISSING:
                held_at = dated_changes(running, None, {}, only=[key])[key][0]
                if held_at > when:  # its own branch changed it later: it keeps its answer
                    if held_at > newest[key][0]:
                        newest[key] = (held_at, held)
                    continue
            running.data[key] = deepcopy(value)
            handed[key] = [now, _digest(value)]
        if handed:
            running._set_internal_data(**{HANDED_BACK: handed})
    # the process-wide data (a message's payload is kept there) gets the newest answer
    top = task.workflow.top_workflow
    if task.workflow is top:
        for key, (_when, value) in newest.items():
            if key in top.data:
                top.data[key] = deepcopy(value)


_RUNNING = TaskState.READY | TaskState.WAITING | TaskState.STARTED


def _running_tasks(instance: Any, skip: Task) -> Iterable[Task]:
    """The running tasks of a process instance and of every process running inside it."""
    top = instance.top_workflow
    for task in list(instance.tasks.values()):
        if task is skip or not task.has_state(_RUNNING):
            continue
        yield task
        if isinstance(task.task_spec, SubWorkflowTask) and task.has_state(TaskState.STARTED):
            sub = top.subprocesses.get(task.id)
            if sub is not None and not sub.completed:
                yield from _running_tasks(sub, skip)


class EventSubprocess(LibrarySubWorkflowTask):  # type: ignore[misc]
    """An event sub-process that, when it ends, hands its changes back to what its process
    instance is running (an interrupting one left nothing running beside it). SpiffWorkflow
    3.2's parser makes every sub-process a SubWorkflowTask (it never sees the
    triggeredByEvent attribute): this class keeps that name."""

    def _run_hook(self, my_task: Task) -> Any:
        hand_back(my_task)
        return super()._run_hook(my_task)


EventSubprocess.__name__ = EventSubprocess.__qualname__ = "SubWorkflowTask"


def _up(task: Task) -> Task | None:
    """A task's parent; for the first task of a called or embedded process (or an event
    sub-process), the task that runs that process in its caller."""
    if task.parent is not None:
        return task.parent
    workflow = task.workflow
    top = workflow.top_workflow
    if workflow is top:
        return None
    found: Task | None = top.get_task_from_id(workflow.parent_task_id)
    return found


def _open_tips(workflow: Any) -> list[Task]:
    """The copies of the data a case holds now: each running process instance's last step
    (unless an event sub-process that has handed its changes back) and open tasks; for a
    branch waiting at a join, the last task of that branch (a waiting join holds no data of
    its own)."""
    instances = [workflow] + [s for s in workflow.subprocesses.values() if not s.completed]
    tips: dict[int, Task] = {}
    for instance in instances:
        last = instance.last_task
        # an event sub-process that ended handed its changes to the running tasks already
        if last is not None and not _is_event_subprocess(last):
            tips[id(last)] = last
        for task in instance.tasks.values():
            if task._state == TaskState.READY:
                tips[id(task)] = task
            elif task._state == TaskState.WAITING:
                if isinstance(task.task_spec, Join) and task.parent is not None:
                    arrived = task.parent
                    if arrived.has_state(TaskState.COMPLETED) and not _is_event_subprocess(arrived):
                        tips[id(arrived)] = arrived
                else:
                    tips[id(task)] = task
    return list(tips.values())


def current_data(workflow: Any) -> dict[str, Any]:
    """The case data as it stands, merged three ways like a join: every copy the case holds
    now (`_open_tips`), against the task they all descend from, the later change winning.
    A value one branch recorded is not put back by another branch's older copy, whichever
    of them opened or moved last. The process-wide data adds only fields no copy holds
    (cases saved before kept message payloads there)."""
    tips = _open_tips(workflow)
    if not tips:
        return dict(workflow.data)
    lineages = []
    for tip in tips:
        line = []
        node: Task | None = tip
        while node is not None:
            line.append(node)
            node = _up(node)
        lineages.append(line)
    common = {id(t) for t in lineages[0]}
    for line in lineages[1:]:
        common &= {id(t) for t in line}
    split = next((t for t in lineages[0] if id(t) in common), None)
    if split is None:  # cannot happen in one case's tree; newest copy last then
        data: dict[str, Any] = {}
        for tip in sorted(tips, key=lambda t: float(t.last_state_change)):
            data.update(tip.data)
    else:
        tips.sort(key=lambda t: float(t.last_state_change))
        data = merge(split.data, [dated_changes(tip, split, split.data) for tip in tips])
    for key, value in workflow.data.items():
        data.setdefault(key, deepcopy(value))
    return data


# Project class -> the library class whose stored type name it keeps.
LIBRARY_CLASSES: dict[type, type] = {
    ParallelGateway: LibraryParallelGateway,
    InclusiveGateway: LibraryInclusiveGateway,
    EndJoin: LibraryEndJoin,
    EventSubprocess: LibrarySubWorkflowTask,
}
