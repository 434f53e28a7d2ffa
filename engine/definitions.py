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


@dataclass(frozen=True)
class FlowInfo:
    """A sequence flow: which element it leaves and which it enters."""

    process_id: str
    flow_id: str
    source: str
    target: str
    name: str = ""


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

    def file(self, name: str) -> SourceFile | None:
        """A file of the bundle by name."""
        return next((f for f in self.files if f.name == name), None)

    def task(self, process_id: str, bpmn_id: str) -> TaskInfo | None:
        """Lane, form and name of an element."""
        return self.tasks.get((process_id, bpmn_id))

    def flow(self, process_id: str, source: str, target: str) -> FlowInfo | None:
        """The sequence flow from one element to another, if there is one."""
        return self.flows.get((process_id, source, target))

    def form(self, name: str | None) -> Mapping[str, Any] | None:
        """A form's JSON Schema by file name."""
        return self.forms.get(name) if name else None
