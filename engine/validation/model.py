"""Read-only views of diagram XML shared by the checks: processes, scopes, flow nodes, flows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from engine.errors import Problem

from .xml import BPMN_NS, ParsedXml, line_of

ACTIVITIES = frozenset(
    {
        "task",
        "userTask",
        "manualTask",
        "scriptTask",
        "serviceTask",
        "sendTask",
        "receiveTask",
        "businessRuleTask",
        "callActivity",
        "subProcess",
        "transaction",
        "adHocSubProcess",
    }
)
EVENTS = frozenset(
    {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
)
GATEWAYS = frozenset(
    {
        "exclusiveGateway",
        "inclusiveGateway",
        "parallelGateway",
        "eventBasedGateway",
        "complexGateway",
    }
)
FLOW_NODES = ACTIVITIES | EVENTS | GATEWAYS
SCOPES = frozenset({"process", "subProcess", "transaction", "adHocSubProcess"})


def tag(name: str) -> str:
    """The full BPMN tag of a local name."""
    return f"{{{BPMN_NS}}}{name}"


def local(element: etree._Element) -> str:
    """The tag name without namespace ('' for comments and processing instructions)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def is_bpmn(element: etree._Element) -> bool:
    """True for an element in the BPMN model namespace."""
    return isinstance(element.tag, str) and etree.QName(element).namespace == BPMN_NS


def label(element: etree._Element) -> str:
    """How a message names an element: its name and id, or its id alone."""
    element_id = element.get("id", "?")
    name = (element.get("name") or "").strip()
    return f"{name!r} ({element_id})" if name else element_id


def has_definition(element: etree._Element, kind: str) -> bool:
    """True when an event carries an event definition of this kind (e.g. 'message')."""
    return element.find(tag(f"{kind}EventDefinition")) is not None


def executable_processes(parsed: ParsedXml) -> Iterator[etree._Element]:
    """Processes the engine runs (isExecutable absent counts as true, as in SpiffWorkflow)."""
    for process in parsed.root.iter(tag("process")):
        if process.get("isExecutable", "true") == "true":
            yield process


@dataclass
class Scope:
    """The flow nodes and sequence flows directly inside a process or a sub-process."""

    element: etree._Element
    nodes: dict[str, etree._Element] = field(default_factory=dict)
    flows: list[etree._Element] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """process, subProcess, transaction or adHocSubProcess."""
        return local(self.element)

    def outgoing(self, node_id: str) -> list[etree._Element]:
        """Sequence flows leaving a node."""
        return [f for f in self.flows if f.get("sourceRef") == node_id]


def scopes(process: etree._Element) -> Iterator[Scope]:
    """The process and every sub-process inside it, each with its own nodes and flows."""
    for container in process.iter(*(tag(s) for s in SCOPES)):
        scope = Scope(container)
        for child in container:
            name = local(child)
            if name in FLOW_NODES and is_bpmn(child) and child.get("id"):
                scope.nodes[child.get("id", "")] = child
            elif name == "sequenceFlow" and is_bpmn(child):
                scope.flows.append(child)
        yield scope


def problem(
    parsed: ParsedXml,
    element: etree._Element | None,
    message: str,
    *,
    code: str,
    fix: str,
    severity: str = "error",
    line: int | None = None,
) -> Problem:
    """A problem located at an element of a parsed file (or at `line` within it)."""
    return Problem(
        message,
        file=parsed.source.name,
        line=line or (line_of(element) if element is not None else None),
        element_id=element.get("id") if element is not None else None,
        severity=severity,
        code=code,
        fix=fix,
    )
