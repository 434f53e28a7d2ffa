"""A case drawn on its own process version: finished steps, taken flows, open tasks.

One SVG per process the case went through, coloured with the drawing's overlay states:
`completed` for finished elements and taken flows, `ready` for open ones, `overdue` for open
tasks past their deadline and for every activity holding one (the call activity of an SOP
with an overdue task is overdue in the diagram that calls it). The SOP the case is in now
(that of its most urgent open task) comes first, then the case's own process, then the
called ones by id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from engine.casepath import CasePath
from engine.definitions import CompiledBundle
from engine.drawing import ElementState, render_svg
from engine.views import TaskView


@dataclass(frozen=True)
class CaseDiagram:
    """One process of a case, drawn: whether the case is in it now (open elements), whether
    something in it is overdue, and whether it is the SOP of the case's most urgent task."""

    process_id: str
    name: str
    svg: str
    open: bool = False
    overdue: bool = False
    current: bool = False


def late_elements(
    path: CasePath, open_tasks: Iterable[TaskView], now: datetime
) -> set[tuple[str, str]]:
    """(process, element) of each open task past its deadline and of the activities
    holding it, in every process they are drawn in."""
    late: set[tuple[str, str]] = set()
    for task in open_tasks:
        if task.due_at is not None and task.due_at < now:
            late.add((task.process_id, task.bpmn_id))
            late.update(path.within.get(task.id, ()))
    return late


def overlay(
    path: CasePath, process_id: str, open_tasks: Iterable[TaskView], now: datetime
) -> dict[str, str]:
    """Element and flow id -> overlay state, for one process of the case."""
    states: dict[str, str] = {}
    for pid, element in path.completed | path.flows:
        if pid == process_id:
            states[element] = ElementState.COMPLETED
    late = late_elements(path, open_tasks, now)
    for pid, element in path.open:
        if pid == process_id:
            overdue = (pid, element) in late
            states[element] = ElementState.OVERDUE if overdue else ElementState.READY
    return states


def processes_of(path: CasePath, root: str) -> list[str]:
    """The processes a case went through: its own first, then the called ones by id."""
    seen = {pid for pid, _ in path.completed | path.open}
    return [root] + sorted(seen - {root})


def current_process(
    path: CasePath, open_tasks: Sequence[TaskView], drawn: Iterable[str]
) -> str | None:
    """The process (among those drawn) of the case's most urgent open task: overdue and
    soonest due first, then the oldest; None when no task is open."""
    processes = set(drawn)
    urgent = sorted(open_tasks, key=lambda t: (t.due_at is None, t.due_at or t.created_at))
    for task in urgent:
        chain = [task.process_id, *(pid for pid, _ in path.within.get(task.id, ()))]
        found = next((pid for pid in chain if pid in processes), None)
        if found is not None:
            return found
    return None


def draw(
    bundle: CompiledBundle,
    path: CasePath,
    process_id: str,
    open_tasks: Iterable[TaskView],
    now: datetime,
    names: Callable[[str], str] | None = None,
    legend: bool = True,
) -> CaseDiagram | None:
    """The SVG of one process of the case (None when the bundle has no such diagram); with
    `names`, element names in a reader's words; `legend` False when the page has its own."""
    definition = bundle.processes.get(process_id)
    source = bundle.file(definition.file) if definition is not None else None
    if definition is None or source is None:
        return None
    states = overlay(path, process_id, open_tasks, now)
    svg = render_svg(
        source.content,
        states,
        process_id=process_id,
        title=definition.name,
        names=names,
        legend=legend,
    )
    return CaseDiagram(
        process_id,
        definition.name,
        svg,
        open=any(pid == process_id for pid, _ in path.open),
        overdue=ElementState.OVERDUE in states.values(),
    )


def first_current(diagrams: list[CaseDiagram], current: str | None) -> list[CaseDiagram]:
    """The diagrams with the current SOP's first and marked current."""
    marked = [replace(d, current=d.process_id == current) for d in diagrams]
    return sorted(marked, key=lambda d: not d.current)
