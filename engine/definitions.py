"""Parsed, validated process definitions: built once per deployed bundle, shared read-only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.sources import SourceFile


@dataclass(frozen=True)
class TaskInfo:
    """What the engine needs to know about a flow node, by process and element id."""

    process_id: str
    bpmn_id: str
    name: str
    lane_id: str | None
    form: str | None
    # A multi-instance task: the form field whose choices name each instance's item.
    instance_label: str | None = None
    due_parameter: str | None = None  # the `dueParameter` property: a deadline parameter

    def item_of(self, task_name: str) -> str | None:
        """The item title a task's name carries after the task's own name (one instance of
        a multi-instance task), else None."""
        prefix = self.name + INSTANCE_SEPARATOR
        if self.instance_label and task_name.startswith(prefix):
            return task_name[len(prefix) :]
        return None


INSTANCE_SEPARATOR = ": "


def instance_name(name: str, label: str | None) -> str:
    """The name of one instance of a multi-instance task: the task's name, then its item."""
    return f"{name}{INSTANCE_SEPARATOR}{label}" if label else name


@dataclass(frozen=True)
class FlowInfo:
    """A sequence flow: which element it leaves and which it enters."""

    process_id: str
    flow_id: str
    source: str
    target: str
    name: str = ""


@dataclass(frozen=True)
class MessageInfo:
    """A message catch event: the message it waits for, who may send it, its payload form.

    `kind` is `catch` (intermediate catch event), `boundary` (on a task) or `start` (the
    start event of an event sub-process, `event_subprocess` its id); `interrupting` is the
    start event's isInterrupting (a boundary event's cancelActivity)."""

    process_id: str
    bpmn_id: str
    message: str
    title: str
    senders: tuple[str, ...]
    schema: str | None
    kind: str
    interrupting: bool = True
    event_subprocess: str | None = None
    # `messageCovers="field=code code"`: the catcher receives only a payload whose `field`
    # (a code or a list of codes) names one of these codes (docs/diagram-conventions.md)
    covers_field: str | None = None
    covers: tuple[str, ...] = ()
    # `messageWhile="field=code code"`: the catcher waits only while its process instance's
    # `field` holds one of these codes (`true`/`false` for a yes/no); else the instances
    # around it receive the message (docs/diagram-conventions.md)
    while_field: str | None = None
    while_codes: tuple[str, ...] = ()

    def waits_with(self, data: Mapping[str, Any]) -> bool:
        """True when the instance's data lets this catcher wait (always without messageWhile)."""
        if self.while_field is None:
            return True
        value = data.get(self.while_field)
        code = str(value).lower() if isinstance(value, bool) else value
        return code in self.while_codes

    def receives(self, payload: Mapping[str, Any]) -> bool:
        """True when the payload is within what this catcher covers (always without covers)."""
        if self.covers_field is None:
            return True
        named = payload.get(self.covers_field)
        codes = named if isinstance(named, list) else [named]
        return any(code in self.covers for code in codes)


@dataclass
class ProcessDefinition:
    """One executable process with everything it calls."""

    process_id: str
    name: str
    file: str
    spec: Any
    subprocess_specs: dict[str, Any]
    content_hash: str
    start_form: str | None = None


@dataclass
class CompiledBundle:
    """A validated set of files and the process definitions parsed from it."""

    content_hash: str
    files: tuple[SourceFile, ...]
    processes: dict[str, ProcessDefinition] = field(default_factory=dict)
    forms: dict[str, dict[str, Any]] = field(default_factory=dict)
    tasks: dict[tuple[str, str], TaskInfo] = field(default_factory=dict)
    flows: dict[tuple[str, str, str], FlowInfo] = field(default_factory=dict)
    messages: dict[tuple[str, str], MessageInfo] = field(default_factory=dict)

    def file(self, name: str) -> SourceFile | None:
        """A file of the bundle by name."""
        return next((f for f in self.files if f.name == name), None)

    def task(self, process_id: str, bpmn_id: str) -> TaskInfo | None:
        """Lane, form and name of an element."""
        return self.tasks.get((process_id, bpmn_id))

    def message(self, process_id: str, bpmn_id: str) -> MessageInfo | None:
        """The message catch event with this id, if it is one."""
        return self.messages.get((process_id, bpmn_id))

    def flow(self, process_id: str, source: str, target: str) -> FlowInfo | None:
        """The sequence flow from one element to another, if there is one."""
        return self.flows.get((process_id, source, target))

    def form(self, name: str | None) -> Mapping[str, Any] | None:
        """A form's JSON Schema by file name."""
        return self.forms.get(name) if name else None

    def sop_of(self, process_id: str) -> str:
        """The process (SOP) a task's `process_id` belongs to: the id itself for a process
        of the bundle; for an event sub-process (whose tasks carry the sub-process's own id,
        e.g. `esp_referral_consent_withdrawn`) the process that holds it, through nested ones;
        an id found nowhere is returned as it is."""
        seen = {process_id}
        current = process_id
        while current not in self.processes:
            owner = self._holder_of(current)
            if owner is None or owner in seen:
                return process_id
            seen.add(owner)
            current = owner
        return current

    def held_by(self, sop: str) -> list[str]:
        """The process ids whose tasks are in this SOP (`sop_of`): the SOP itself and its
        event sub-processes — what a filter by SOP must match."""
        inner = {n for d in self.processes.values() for n in d.subprocess_specs}
        return sorted({sop} | {n for n in inner - set(self.processes) if self.sop_of(n) == sop})

    def _holder_of(self, element_id: str) -> str | None:
        """The id of the process or sub-process whose elements include `element_id`."""
        for definition in self.processes.values():
            for spec in (definition.spec, *definition.subprocess_specs.values()):
                if spec is not None and element_id in getattr(spec, "task_specs", {}):
                    return str(spec.name)
        return None

    def choice_title(self, field_name: str, value: Any) -> str:
        """The title of a value among the choices of a form field (the first form, by file
        name, that declares the field), else the value as text."""
        for name in sorted(self.forms):
            prop = (self.forms[name].get("properties") or {}).get(field_name)
            if isinstance(prop, Mapping):
                return choice_titles(prop).get(str(value), str(value))
        return str(value)


def choice_titles(prop: Mapping[str, Any]) -> dict[str, str]:
    """Value -> title of a field's choices (`oneOf` consts, or an array's item choices)."""
    items = prop.get("items")
    source = items if prop.get("type") == "array" and isinstance(items, Mapping) else prop
    return {
        str(option["const"]): str(option.get("title") or option["const"])
        for option in source.get("oneOf") or []
        if isinstance(option, Mapping) and "const" in option
    }
