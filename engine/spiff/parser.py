"""The project's BPMN parser: SpiffWorkflow's spiff dialect with clocked timers, and joins
that keep what every branch recorded (`branches`)."""

from __future__ import annotations

from typing import Any

from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser, full_tag
from SpiffWorkflow.bpmn.specs.defaults import BoundaryEvent, IntermediateCatchEvent, StartEvent
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser, SpiffProcessParser

from .branches import EndJoin, InclusiveGateway, ParallelGateway
from .timers import BoundaryEventParser, IntermediateCatchEventParser, StartEventParser

__all__ = ["VALIDATOR", "NrmBpmnParser"]


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
        full_tag("parallelGateway"): (
            BpmnParser.PARSER_CLASSES[full_tag("parallelGateway")][0],
            ParallelGateway,
        ),
        full_tag("inclusiveGateway"): (
            BpmnParser.PARSER_CLASSES[full_tag("inclusiveGateway")][0],
            InclusiveGateway,
        ),
    }
