"""Workflow state <-> bytes, storing the instance only (specs come from the deployed version).

The configuration is our own copy of SpiffWorkflow's spiff config, extended
with the clocked timers; the library's globals are never changed.
"""

from __future__ import annotations

import json
import zlib
from typing import Any, cast
from uuid import UUID

from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.event_definition import (
    TimerConditionalEventDefinitionConverter,
)
from SpiffWorkflow.bpmn.serializer.default.workflow import (
    BpmnWorkflowConverter,
    TaskConverter,
    WorkflowConverter,
)
from SpiffWorkflow.bpmn.serializer.helpers.encoder import create_encoder
from SpiffWorkflow.bpmn.serializer.workflow import VERSION as SPIFF_SERIALIZER_VERSION
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.serializer import DEFAULT_CONFIG
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from .timers import ClockedCycle, ClockedDuration, ClockedTimeDate

# Bump the suffix whenever the stored layout of a case changes; every case row
# records the version it was written with.
SERIALIZER_VERSION = f"{SPIFF_SERIALIZER_VERSION}+nrm1"


class InstanceOnlyConverter(BpmnWorkflowConverter):  # type: ignore[misc]
    """Serialises a top-level workflow without its specs; restores with specs given."""

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
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


class FinishedTaskCache(TaskConverter):  # type: ignore[misc]
    """Re-uses the dict of a finished task between saves.

    A case is saved after every step and most of its task tree is finished
    work that no longer changes; converting it again each time was most of the
    cost of a save. The dict is kept on the task object of this live workflow
    (nothing global) and rebuilt when the task's state, state-change time or
    children change.
    """

    FINISHED = TaskState.COMPLETED | TaskState.CANCELLED

    def to_dict(self, task: Task) -> dict[str, Any]:
        """The task as a dict, from the cache when it is finished and unchanged."""
        if not task.state & self.FINISHED:
            result: dict[str, Any] = super().to_dict(task)
            return result
        key = (task.state, task.last_state_change, len(task._children))
        cached = getattr(task, "_nrm_saved", None)
        if cached is not None and cached[0] == key:
            return cast(dict[str, Any], cached[1])
        result = super().to_dict(task)
        task._nrm_saved = (key, result)
        return result


def _config() -> dict[type, type]:
    config = dict(DEFAULT_CONFIG)
    config[BpmnWorkflow] = InstanceOnlyConverter
    config[Task] = FinishedTaskCache
    for clocked in (ClockedTimeDate, ClockedDuration, ClockedCycle):
        config[clocked] = TimerConditionalEventDefinitionConverter
    return config


class StateSerializer:
    """Compressed JSON of a workflow instance."""

    def __init__(self) -> None:
        self._serializer = BpmnWorkflowSerializer(
            BpmnWorkflowSerializer.configure(_config()), version=SERIALIZER_VERSION
        )
        self._registry = self._serializer.registry
        self._encoder = create_encoder(self._registry)

    def dumps(self, workflow: BpmnWorkflow) -> bytes:
        """Serialise the instance (no spec) to zlib-compressed JSON."""
        self._registry._encoder_mode = True
        try:
            dct = self._registry.convert(workflow)
            text = json.dumps(dct, cls=self._encoder, separators=(",", ":"))
        finally:
            self._registry._encoder_mode = False
        return zlib.compress(text.encode("utf-8"), 1)  # level 1: 3x faster, ~10% larger

    def loads(self, state: bytes, spec: Any, subprocess_specs: Any) -> BpmnWorkflow:
        """Restore an instance around the given specs."""
        dct = json.loads(zlib.decompress(state))
        workflow: BpmnWorkflow = self._registry.restore(
            dct, spec=spec, subprocess_specs=subprocess_specs
        )
        return workflow

    @property
    def registry(self) -> Any:
        """The converter registry (SpiffWorkflow's diff helpers compare specs through it)."""
        return self._registry

    def spec_dict(self, spec: Any) -> dict[str, Any]:
        """A spec as a plain dict (used to compare versions)."""
        result: dict[str, Any] = self._registry.convert(spec)
        return result
