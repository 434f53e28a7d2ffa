"""The project's BPMN parser: SpiffWorkflow's spiff dialect with clocked timers."""

from __future__ import annotations

from SpiffWorkflow.bpmn.parser.BpmnParser import full_tag
from SpiffWorkflow.bpmn.specs.defaults import BoundaryEvent, IntermediateCatchEvent, StartEvent
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser

from .timers import BoundaryEventParser, IntermediateCatchEventParser, StartEventParser

__all__ = ["VALIDATOR", "NrmBpmnParser"]


class NrmBpmnParser(SpiffBpmnParser):  # type: ignore[misc]
    """SpiffBpmnParser whose timer events read the engine clock.

    A fresh parser is used per deployed bundle: SpiffWorkflow refuses a file
    added twice ("Duplicate process ID").
    """

    OVERRIDE_PARSER_CLASSES = {
        **SpiffBpmnParser.OVERRIDE_PARSER_CLASSES,
        full_tag("startEvent"): (StartEventParser, StartEvent),
        full_tag("boundaryEvent"): (BoundaryEventParser, BoundaryEvent),
        full_tag("intermediateCatchEvent"): (IntermediateCatchEventParser, IntermediateCatchEvent),
    }
