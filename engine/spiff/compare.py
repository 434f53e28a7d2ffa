"""What changed between two versions of a process spec, element by element.

SpiffWorkflow's `SpecDiff` aligns the specs and lists the serialized
attributes that differ; here those attributes become words a policy officer
reads ("name", "timer", "outgoing flows"), internal specs (boundary splits,
end joins) are left out, and added/removed mean a BPMN id that is new or gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from SpiffWorkflow.bpmn.util.diff import SpecDiff

LABELS = {
    "typename": "type",
    "bpmn_name": "name",
    "script": "script",
    "prescript": "script",
    "postscript": "script",
    "cond_task_specs": "condition",
    "condition": "condition",
    "default_task_spec": "default flow",
    "spec": "called element",
    "cancel_activity": "interrupting",
    "documentation": "documentation",
    "io_specification": "data inputs/outputs",
    "data_input_associations": "data inputs/outputs",
    "data_output_associations": "data inputs/outputs",
}
# Compared elsewhere (lane and form by id from the diagram; flows without internal specs)
# or derived from what is compared (description follows type and interrupting).
IGNORED = frozenset(
    {"inputs", "outputs", "lane", "extensions", "description", "manual", "lookahead", "name"}
)
INTERNAL_SUFFIXES = (".BoundaryEventJoin", ".EndJoin")


@dataclass(frozen=True)
class SpecElement:
    """A BPMN element of a spec: id, name and kind (the spec class, e.g. UserTask)."""

    element_id: str
    name: str
    kind: str


@dataclass(frozen=True)
class SpecChanges:
    """Elements added, removed and changed (with the aspects that changed)."""

    added: tuple[SpecElement, ...]
    removed: tuple[SpecElement, ...]
    changed: tuple[tuple[SpecElement, tuple[str, ...]], ...]


def element(spec: Any) -> SpecElement:
    """The element a task spec stands for."""
    return SpecElement(spec.bpmn_id, spec.bpmn_name or spec.bpmn_id, type(spec).__name__)


def elements(spec: Any | None) -> dict[str, Any]:
    """BPMN id -> task spec, for the specs that stand for a BPMN element."""
    if spec is None:
        return {}
    return {s.bpmn_id: s for s in spec.task_specs.values() if s.bpmn_id}


def flow_targets(spec: Any) -> tuple[str, ...]:
    """Where the element's outgoing flows lead, by BPMN id (internal specs unwrapped)."""
    names = {
        name.removesuffix(".BoundaryEventSplit")
        for name in (o.name for o in spec.outputs)
        if not name.endswith(INTERNAL_SUFFIXES)
    }
    return tuple(sorted(names))


def _label(key: str, spec: Any) -> str:
    if key == "event_definition":
        kind = type(getattr(spec, "event_definition", None)).__name__
        return "timer" if "Timer" in kind or kind.startswith("Clocked") else "event"
    return LABELS.get(key, key.replace("_", " "))


def _keys(registry: Any, diff: SpecDiff, old: Any, new: Any) -> list[str]:
    keys = diff.comparisons.get(old) if diff.alignment.get(old) is new else None
    if keys is not None:
        return list(keys)
    # Not reached by SpecDiff's walk from the start event: compare as SpecDiff does.
    a, b = registry.convert(old), registry.convert(new)
    if a.get("typename") != b.get("typename"):
        return ["typename"]
    return [k for k, v in a.items() if b.get(k) != v]


def compare(registry: Any, old: Any | None, new: Any | None) -> SpecChanges:
    """Compare two specs of one process (either may be None: the process is new or gone)."""
    before, after = elements(old), elements(new)
    diff = SpecDiff(registry, old, new) if old is not None and new is not None else None
    changed = []
    for element_id in sorted(before.keys() & after.keys()):
        a, b = before[element_id], after[element_id]
        keys = _keys(registry, diff, a, b) if diff is not None else []
        aspects = {_label(k, a) for k in keys if k not in IGNORED}
        if flow_targets(a) != flow_targets(b):
            aspects.add("outgoing flows")
        if aspects:
            changed.append((element(b), tuple(sorted(aspects))))
    return SpecChanges(
        added=tuple(element(after[i]) for i in sorted(after.keys() - before.keys())),
        removed=tuple(element(before[i]) for i in sorted(before.keys() - after.keys())),
        changed=tuple(changed),
    )
