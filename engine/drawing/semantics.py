"""What a BPMN element means for its drawing: kind, name, markers and notation switches."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from engine.drawing.model import Bounds, LoopKind, Shape
from engine.drawing.xmlsafe import BPMN_NS, local

Index = Mapping[str, etree._Element]  # every BPMN element with an id, by id
_EVENT_DEFINITION_SUFFIX = "EventDefinition"


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return element.findall(f"{{{BPMN_NS}}}{name}")


def _name_of(element: etree._Element, index: Index) -> str:
    """The visible name; annotations keep theirs in <text>, groups in a category value."""
    kind = local(element)
    if kind == "textAnnotation":
        text = element.find(f"{{{BPMN_NS}}}text")
        return (text.text or "") if text is not None else ""
    if kind == "group":
        value = index.get(element.get("categoryValueRef", ""))
        return (value.get("value") or "") if value is not None else ""
    return element.get("name") or ""


def _event_definitions(element: etree._Element) -> tuple[str, ...]:
    found = []
    for child in element.iterchildren(f"{{{BPMN_NS}}}*"):
        name = local(child)
        if name.endswith(_EVENT_DEFINITION_SUFFIX):
            found.append(name.removesuffix(_EVENT_DEFINITION_SUFFIX))
    return tuple(found)


def _loop(element: etree._Element) -> LoopKind | None:
    if _children(element, "standardLoopCharacteristics"):
        return "loop"
    multi = _children(element, "multiInstanceLoopCharacteristics")
    if not multi:
        return None
    return "sequential" if multi[0].get("isSequential") == "true" else "parallel"


def _interrupting(element: etree._Element) -> bool:
    # Boundary events say cancelActivity, start events of event sub-processes isInterrupting.
    return "false" not in (element.get("cancelActivity"), element.get("isInterrupting"))


def _flags(element: etree._Element, di: etree._Element, index: Index) -> frozenset[str]:
    kind = local(element)
    flags = set()
    if element.get("isForCompensation") == "true":
        flags.add("compensation")
    if element.get("triggeredByEvent") == "true":
        flags.add("event-subprocess")
    if di.get("isMarkerVisible") == "false":
        flags.add("marker-hidden")
    if element.get("eventGatewayType") == "Parallel":
        flags.add("parallel-events")
    if element.get("parallelMultiple") == "true":
        flags.add("parallel-multiple")
    if kind == "participant" and not element.get("processRef"):
        flags.add("black-box")
    if _is_collection(element, index):
        flags.add("collection")
    return frozenset(flags)


def _is_collection(element: etree._Element, index: Index) -> bool:
    data_object = index.get(element.get("dataObjectRef", ""))
    return "true" in (
        element.get("isCollection"),
        data_object.get("isCollection") if data_object is not None else None,
    )


def shape_from(
    element: etree._Element, di: etree._Element, bounds: Bounds, label: Bounds | None, index: Index
) -> Shape:
    """Join a semantic element with its BPMNShape."""
    return Shape(
        element_id=element.get("id", ""),
        kind=local(element),
        name=_name_of(element, index),
        bounds=bounds,
        label=label,
        expanded=di.get("isExpanded") == "true",
        # BPMN says pools and lanes default to vertical, but every modeler writes
        # isHorizontal="true" or leaves it out meaning horizontal; follow the tools.
        horizontal=di.get("isHorizontal") != "false",
        interrupting=_interrupting(element),
        event_definitions=_event_definitions(element),
        loop=_loop(element),
        flags=_flags(element, di, index),
    )
