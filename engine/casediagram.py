"""A case drawn on its own process version: finished steps, taken flows, open tasks.

One SVG per process the case went through (`nrm_case` first, then the SOPs it called),
coloured with the drawing's overlay states: `completed` for finished elements and taken
flows, `ready` for open ones, `overdue` for open tasks past their deadline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from engine.casepath import CasePath
from engine.definitions import CompiledBundle
from engine.drawing import ElementState, render_svg
from engine.views import TaskView


@dataclass(frozen=True)
class CaseDiagram:
    """One process of a case, drawn."""

    process_id: str
    name: str
    svg: str


def overlay(
    path: CasePath, process_id: str, open_tasks: Iterable[TaskView], now: datetime
) -> dict[str, str]:
    """Element and flow id -> overlay state, for one process of the case."""
    states: dict[str, str] = {}
    for pid, element in path.completed | path.flows:
        if pid == process_id:
            states[element] = ElementState.COMPLETED
    overdue = {
        t.bpmn_id
        for t in open_tasks
        if t.process_id == process_id and t.due_at is not None and t.due_at < now
    }
    for pid, element in path.open:
        if pid == process_id:
            states[element] = ElementState.OVERDUE if element in overdue else ElementState.READY
    return states


def processes_of(path: CasePath, root: str) -> list[str]:
    """The processes a case went through: its own first, then the called ones by id."""
    seen = {pid for pid, _ in path.completed | path.open}
    return [root] + sorted(seen - {root})


def draw(
    bundle: CompiledBundle,
    path: CasePath,
    process_id: str,
    open_tasks: Iterable[TaskView],
    now: datetime,
) -> CaseDiagram | None:
    """The SVG of one process of the case (None when the bundle has no such diagram)."""
    definition = bundle.processes.get(process_id)
    source = bundle.file(definition.file) if definition is not None else None
    if definition is None or source is None:
        return None
    svg = render_svg(
        source.content,
        overlay(path, process_id, open_tasks, now),
        process_id=process_id,
        title=definition.name,
    )
    return CaseDiagram(process_id, definition.name, svg)
