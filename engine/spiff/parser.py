"""The project's BPMN parser: SpiffWorkflow's spiff dialect with clocked timers, and joins
and event sub-processes that keep what every branch recorded (`branches`)."""

from __future__ import annotations

from typing import Any

from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser, full_tag
from SpiffWorkflow.bpmn.specs.defaults import BoundaryEvent, IntermediateCatchEvent, StartEvent
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser, SpiffProcessParser
from SpiffWorkflow.spiff.parser.task_spec import SubWorkflowParser
from SpiffWorkflow.spiff.specs.defaults import SubWorkflowTask

from .branches import EndJoin, EventSubprocess, InclusiveGateway, ParallelGateway
from .timers import BoundaryEventParser, IntermediateCatchEventParser, StartEventParser

__all__ = ["VALIDATOR", "NrmBpmnParser"]


class NrmSubWorkflowParser(SubWorkflowParser):  # type: ignore[misc]
    """Sub-processes; an event sub-process hands its changes back when it ends."""

    def create_task(self) -> Any:
        # SpiffWorkflow looks for triggeredByEvent in the BPMN namespace, where a modeler
        # never puts it: it is read here as written.
        if self.node.get("triggeredByEvent") == "true":
            self.spec_class = EventSubprocess
        return super().create_task()


class NrmProcessParser(SpiffProcessParser):  # type: ignore[misc]
    """Processes (and embedded and event sub-processes) whose end merges the branches that
    arrive there three ways."""

    def create_spec(self) -> Any:
        spec = super().create_spec()
        # The end join is made by the process spec's constructor, with nothing of its own
        # but its class: it becomes the project's join, whose only difference is its hooks.
        spec.end.__class__ = EndJoin
        return spec


class NrmBpmnParser(SpiffBpmnParser):  # type: ignore[misc]
    """SpiffBpmnParser whose timer events read the engine clock and whose joins merge the
    branches' data three ways.

    A fresh parser is used per deployed bundle: SpiffWorkflow refuses a file
    added twice ("Duplicate process ID").
    """

    PROCESS_PARSER_CLASS = NrmProcessParser

    OVERRIDE_PARSER_CLASSES = {
        **SpiffBpmnParser.OVERRIDE_PARSER_CLASSES,
        full_tag("startEvent"): (StartEventParser, StartEvent),
        full_tag("boundaryEvent"): (BoundaryEventParser, BoundaryEvent),
        full_tag("intermediateCatchEvent"): (IntermediateCatchEventParser, IntermediateCatchEvent),
        full_tag("subProcess"): (NrmSubWorkflowParser, SubWorkflowTask),
        full_tag("parallelGateway"): (
            BpmnParser.PARSER_CLASSES[full_tag("parallelGateway")][0],
            ParallelGateway,
        ),
        full_tag("inclusiveGateway"): (
            BpmnParser.PARSER_CLASSES[full_tag("inclusiveGateway")][0],
            InclusiveGateway,
        ),
    }
