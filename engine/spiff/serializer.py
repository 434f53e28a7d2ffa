"""Workflow state <-> bytes, storing the instance only (specs come from the deployed version).

The configuration is our own copy of SpiffWorkflow's spiff config, extended
with the clocked timers; the library's globals are never changed.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, cast
from uuid import UUID

import lz4.frame
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.event_definition import (
    TimerConditionalEventDefinitionConverter,
)
from SpiffWorkflow.bpmn.serializer.default.workflow import (
    BpmnSubWorkflowConverter,
    BpmnWorkflowConverter,
    TaskConverter,
    WorkflowConverter,
)
from SpiffWorkflow.bpmn.serializer.helpers.bpmn_converter import BpmnConverter
from SpiffWorkflow.bpmn.serializer.helpers.encoder import create_encoder
from SpiffWorkflow.bpmn.util.subworkflow import BpmnSubWorkflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.serializer import DEFAULT_CONFIG
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from .branches import LIBRARY_CLASSES
from .state_migrations import SERIALIZER_VERSION, upgrade
from .timers import ClockedCycle, ClockedDuration, ClockedTimeDate
from .workflow import NrmWorkflow

__all__ = ["SERIALIZER_VERSION", "StateSerializer", "compress", "forget", "state_text"]


class InstanceOnlyConverter(BpmnWorkflowConverter):  # type: ignore[misc]
    """Serialises a top-level workflow without its specs; restores with specs given."""

    def mapping_to_dict(self, mapping: Any, **kwargs: Any) -> Any:
        """Task tables as placeholders while saving; anything else as SpiffWorkflow does."""
        return _tables_mapping(self, mapping, **kwargs)

    def to_dict(self, workflow: BpmnWorkflow) -> dict[str, Any]:
        """The instance: tasks, data, subprocesses, pending events — no spec."""
        dct: dict[str, Any] = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(
        self, dct: dict[str, Any], spec: Any = None, subprocess_specs: Any = None
    ) -> BpmnWorkflow:
        """Rebuild the workflow around specs parsed from the case's deployed version."""
        workflow = NrmWorkflow(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


class _TaskTables:
    """The JSON text of a workflow's task tables, re-using the text of finished tasks.

    A case is saved after every step and most of its task tree is finished work that no
    longer changes; converting and encoding it again each time was most of the cost of a
    save. A finished task keeps its encoded text on the task object of this live workflow
    (nothing global), rebuilt when its state, state-change time or children change, or when
    `forget` is called (after its data was changed in place, e.g. scrubbed).

    While a save runs, each task table is converted to a placeholder string; the encoded
    tables replace the placeholders in the final text. The placeholder carries a random
    per-process token, so no submitted text can pose as one.
    """

    FINISHED = TaskState.COMPLETED | TaskState.CANCELLED
    PREDICTED = TaskState.MAYBE | TaskState.LIKELY | TaskState.FUTURE
    MARK = f"\x00nrm-tasks-{secrets.token_hex(8)}:"

    def __init__(self) -> None:
        self._local = threading.local()
        encoded_mark = json.dumps(self.MARK)[:-1]  # '"\u0000nrm-tasks-…:' (no closing quote)
        self._pattern = re.compile(re.escape(encoded_mark) + r'(\d+)"')

    @contextmanager
    def saving(self, registry: Any, encoder: json.JSONEncoder) -> Iterator[list[str]]:
        """Within a save on this thread: task tables become placeholders (see `fill`)."""
        tables: list[str] = []
        self._local.saving = (tables, registry, encoder)
        try:
            yield tables
        finally:
            self._local.saving = None

    def placeholder(self, tasks: Any) -> str | None:
        """A placeholder for this task table during a save; None outside one."""
        saving = getattr(self._local, "saving", None)
        if saving is None:
            return None
        tables, registry, encoder = saving
        finished, parts = self.FINISHED, []
        for task in tasks.values():
            # Most of a case's tasks are finished and saved before: their text is checked
            # against its key here, without building the key (what `_text` would do).
            state = task._state
            if state & finished:
                cached = task.__dict__.get("_nrm_json")
                if cached is not None:
                    key = cached[0]
                    if (
                        key[0] == state
                        and key[1] == task.last_state_change
                        and key[2] == len(task._children)
                    ):
                        parts.append(cached[1])
                        continue
            parts.append(self._text(registry, encoder, task))
        tables.append("{" + ",".join(parts) + "}")
        return f"{self.MARK}{len(tables) - 1}"

    def fill(self, text: str, tables: list[str]) -> str:
        """The text with every placeholder replaced by its encoded table."""
        return self._pattern.sub(lambda m: tables[int(m.group(1))], text)

    def _text(self, registry: Any, encoder: json.JSONEncoder, task: Task) -> str:
        key = self._key(task)
        if key is not None:
            cached = task.__dict__.get("_nrm_json")
            if cached is not None and cached[0] == key:
                return cast(str, cached[1])
        if task._parent is not None and not task.internal_data:
            # not a root, no internal data (nearly every task): written without the converter
            text = self._direct(registry, encoder, task)
        else:
            text = f'"{task.id}":{encoder.encode(registry.convert(task))}'
        if key is not None:
            task._nrm_json = (key, text)
        return text

    @staticmethod
    def _direct(registry: Any, encoder: json.JSONEncoder, task: Task) -> str:
        """The text TaskFormat gives a task that is not a root and has no internal data,
        written out: only its delta (if its data differs from its parent's) goes through the
        encoder: converting and encoding the whole task dict cost more than the rest of a save
        (docs/decisions/timings.md), and a step writes about seven such tasks."""
        own = task.data
        if not own:
            delta = "{}"
        else:
            above = task.parent.data
            if own == above:
                delta = _EQUAL_DELTA
            else:
                delta = encoder.encode(_delta(own, above))
        task_id = _uuid_text(task.id)
        children = ",".join(f'"{_uuid_text(child)}"' for child in task._children)
        return (
            f'"{task_id}":{{"id":"{task_id}","parent":"{_uuid_text(task._parent)}",'
            f'"children":[{children}],"last_state_change":{float(task.last_state_change)!r},'
            f'"state":{int(task._state)},"task_spec":{encoder.encode(task.task_spec.name)},'
            f'"triggered":{"true" if task.triggered else "false"},"internal_data":{{}},'
            f'"data":{{}},"delta":{delta},"typename":"{registry.typenames[Task]}"}}'
        )

    def _key(self, task: Task) -> tuple[Any, ...] | None:
        """What a task's saved text depends on, if it can be re-used at all.

        A finished task changes only with its state, state-change time and children. A
        predicted task (not reached yet) with no data and no internal data of its own is
        stored from its state, time, children and `triggered` alone — SpiffWorkflow may
        predict its children anew, so their ids are part of the key. Any other task (a
        READY one, whose data the next step changes) is converted every time.
        """
        state = task._state
        if state & self.FINISHED:
            return (state, task.last_state_change, len(task._children))
        if state & self.PREDICTED and not task.data and not task.internal_data:
            return (state, task.last_state_change, tuple(task._children), task.triggered)
        return None


_TABLES = _TaskTables()
# SpiffWorkflow's delta of a task whose data equals its parent's.
_EQUAL_DELTA = '{"updates":{},"deletions":[]}'


def _delta(own: dict[str, Any], above: dict[str, Any]) -> dict[str, Any]:
    """SpiffWorkflow's delta of a task's data against its parent's: the values it changed or
    added, and the keys it dropped (one look-up a key; no deletions is one set comparison)."""
    missing = _MISSING
    return {
        "updates": {k: v for k, v in own.items() if above.get(k, missing) != v},
        "deletions": [] if own.keys() >= above.keys() else [k for k in above if k not in own],
    }


_MISSING = object()


@lru_cache(maxsize=16384)
def _uuid_text(value: UUID) -> str:
    """`str(value)` remembered: a task's id, its parent's and its children's are written at
    every save that re-writes the task."""
    return str(value)


def forget(task: Task) -> None:
    """Drop a task's saved text (call after changing its data in place)."""
    task.__dict__.pop("_nrm_json", None)


def _tables_mapping(converter: Any, mapping: Any, **kwargs: Any) -> Any:
    if isinstance(next(iter(mapping.values()), None), Task):
        table = _TABLES.placeholder(mapping)
        if table is not None:
            return table
    return BpmnConverter.mapping_to_dict(converter, mapping, **kwargs)


class TaskFormat(TaskConverter):  # type: ignore[misc]
    """SpiffWorkflow's task layout, written without its generic helpers.

    A task without data of its own (one that is only predicted) is stored as `data: {},
    delta: {}` instead of a delta deleting every key of its parent's data: SpiffWorkflow
    restores both alike (an empty delta means: the data as stored), and the text is shorter.
    A task whose data equals its parent's (a task just made READY) gets the empty delta
    SpiffWorkflow would compute, after one comparison of the two dicts instead of one per key.
    """

    def to_dict(self, task: Task) -> dict[str, Any]:
        """The task as a dict (SpiffWorkflow's `TaskConverter.to_dict`, same result)."""
        parent, own = task.parent, task.data
        data: dict[str, Any] = {}
        delta: dict[str, Any] = {}
        if parent is None:
            data = own
        elif own:
            above = parent.data
            delta = {"updates": {}, "deletions": []} if own == above else _delta(own, above)
        return {
            "id": str(task.id),
            "parent": str(task._parent) if parent is not None else None,
            "children": [str(child) for child in task._children],
            "last_state_change": task.last_state_change,
            "state": task.state,
            "task_spec": task.task_spec.name,
            "triggered": task.triggered,
            "internal_data": self.registry.convert(task.internal_data),
            "data": data,
            "delta": delta,
        }


class SubWorkflowTables(BpmnSubWorkflowConverter):  # type: ignore[misc]
    """A sub-process, its task table encoded through `_TaskTables` during a save."""

    def mapping_to_dict(self, mapping: Any, **kwargs: Any) -> Any:
        """Task tables as placeholders while saving; anything else as SpiffWorkflow does."""
        return _tables_mapping(self, mapping, **kwargs)


def _config() -> dict[type, type]:
    config = dict(DEFAULT_CONFIG)
    config[BpmnWorkflow] = InstanceOnlyConverter
    config[BpmnSubWorkflow] = SubWorkflowTables
    config[Task] = TaskFormat
    for clocked in (ClockedTimeDate, ClockedDuration, ClockedCycle):
        config[clocked] = TimerConditionalEventDefinitionConverter
    return config


# LZ4 frames: the quickest to pack of zlib, zstd and LZ4 at a little more space
# (docs/decisions/timings.md). The frame's magic number tells it from the zlib of cases
# saved before.
_LZ4_MAGIC = b"\x04\x22\x4d\x18"


def compress(text: bytes) -> bytes:
    """A state's JSON text, compressed as it is stored."""
    packed: bytes = lz4.frame.compress(text)
    return packed


def state_text(state: bytes) -> bytes:
    """The JSON text of a stored state: an LZ4 frame, or zlib as cases saved before were."""
    if state[:4] == _LZ4_MAGIC:
        text: bytes = lz4.frame.decompress(state)
        return text
    return zlib.decompress(state)


class StateSerializer:
    """Compressed JSON of a workflow instance."""

    def __init__(self) -> None:
        self._serializer = BpmnWorkflowSerializer(
            BpmnWorkflowSerializer.configure(_config()), version=SERIALIZER_VERSION
        )
        self._registry = self._serializer.registry
        # Cases run on NrmWorkflow, saved as SpiffWorkflow's own BpmnWorkflow.
        self._registry.typenames[NrmWorkflow] = self._registry.typenames[BpmnWorkflow]
        # Specs of the project's joins and event sub-processes, under the library's names.
        for ours, library in LIBRARY_CLASSES.items():
            self._registry.typenames[ours] = self._registry.typenames[library]
        self._encoder = create_encoder(self._registry)(separators=(",", ":"))

    def dumps(self, workflow: BpmnWorkflow) -> bytes:
        """Serialise the instance (no spec) to LZ4-compressed JSON."""
        self._registry._encoder_mode = True
        try:
            with _TABLES.saving(self._registry, self._encoder) as tables:
                text = self._encoder.encode(self._registry.convert(workflow))
        finally:
            self._registry._encoder_mode = False
        encoded = _TABLES.fill(text, tables).encode("utf-8")
        workflow.stored_size = len(encoded)
        return compress(encoded)

    def loads(self, state: bytes, version: str, spec: Any, subprocess_specs: Any) -> BpmnWorkflow:
        """Restore an instance written in layout `version` (see `state_migrations`) around the
        given specs."""
        text = state_text(state)
        dct = json.loads(text)
        if version != SERIALIZER_VERSION:
            upgrade(
                dct,
                version,
                serializer=self._serializer,
                specs=lambda: (
                    self.spec_dict(spec),
                    {name: self.spec_dict(s) for name, s in subprocess_specs.items()},
                ),
            )
        workflow: BpmnWorkflow = self._registry.restore(
            dct, spec=spec, subprocess_specs=subprocess_specs
        )
        workflow.stored_size = len(text)
        return workflow

    @property
    def registry(self) -> Any:
        """The converter registry (SpiffWorkflow's diff helpers compare specs through it)."""
        return self._registry

    def spec_dict(self, spec: Any) -> dict[str, Any]:
        """A spec as a plain dict (used to compare versions)."""
        result: dict[str, Any] = self._registry.convert(spec)
        return result
