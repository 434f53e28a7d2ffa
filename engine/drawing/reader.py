"""Read BPMN diagram interchange (BPMNDI) from a parsed file into `model` dataclasses."""

from __future__ import annotations

import math

from lxml import etree

from engine.drawing.activities import ACTIVITY_KINDS
from engine.drawing.model import Bounds, Diagram, Edge, Point
from engine.drawing.semantics import shape_from
from engine.drawing.xmlsafe import BPMN_NS, local
from engine.errors import InvalidDiagramError, UnknownProcessError

BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
DI_NS = "http://www.omg.org/spec/DD/20100524/DI"

_PLANE = f"{{{BPMNDI_NS}}}BPMNPlane"
_SHAPE = f"{{{BPMNDI_NS}}}BPMNShape"
_EDGE = f"{{{BPMNDI_NS}}}BPMNEdge"
_LABEL_BOUNDS = f"{{{BPMNDI_NS}}}BPMNLabel/{{{DC_NS}}}Bounds"
_PROCESS_KINDS = frozenset({"process", "subProcess", "transaction", "adHocSubProcess"})


def has_plane_content(root: etree._Element) -> bool:
    """True when any plane holds at least one shape or edge."""
    return any(_has_content(plane) for plane in root.iter(_PLANE))


def _has_content(plane: etree._Element) -> bool:
    return plane.find(_SHAPE) is not None or plane.find(_EDGE) is not None


def semantic_index(root: etree._Element) -> dict[str, etree._Element]:
    """Every BPMN model element with an id, by id."""
    return {el.get("id", ""): el for el in root.iter(f"{{{BPMN_NS}}}*") if el.get("id")}


def choose_plane(
    root: etree._Element, index: dict[str, etree._Element], process_id: str | None
) -> etree._Element | None:
    """The plane that shows `process_id` (or the main plane); None when nothing is laid out."""
    planes = [p for p in root.iter(_PLANE) if _has_content(p)]
    by_element = {p.get("bpmnElement"): p for p in planes}
    if process_id is None:
        collaborations = [p for p in planes if _kind_of(index, p) == "collaboration"]
        candidates = collaborations or planes
        return candidates[0] if candidates else None
    if process_id in by_element:
        return by_element[process_id]
    if process_id not in index or local(index[process_id]) not in _PROCESS_KINDS:
        raise UnknownProcessError(
            f"The file has no process or sub-process with id {process_id!r}.",
            process_id=process_id,
        )
    # A process drawn as a pool is laid out on its collaboration's plane.
    for participant in root.iter(f"{{{BPMN_NS}}}participant"):
        parent = participant.getparent()
        if participant.get("processRef") == process_id and parent is not None:
            plane = by_element.get(parent.get("id"))
            if plane is not None:
                return plane
    return None


def _kind_of(index: dict[str, etree._Element], plane: etree._Element) -> str:
    element = index.get(plane.get("bpmnElement", ""))
    return local(element) if element is not None else ""


def read_diagram(index: dict[str, etree._Element], plane: etree._Element) -> Diagram:
    """Join the plane's shapes and edges with their semantic elements."""
    shapes, edges = [], []
    for di in plane:
        target = index.get(di.get("bpmnElement", ""))
        if target is None:
            continue  # DI for an element that was deleted: nothing meaningful to draw
        if di.tag == _SHAPE:
            shapes.append(shape_from(target, di, bounds_of(di), label_of(di), index))
        elif di.tag == _EDGE:
            edges.append(_edge_from(target, di, index))
    shown = index.get(plane.get("bpmnElement", ""))
    name = (shown.get("name") or "") if shown is not None else ""
    return Diagram(plane.get("bpmnElement", ""), name, tuple(shapes), tuple(edges))


def _number(element: etree._Element, attribute: str) -> float:
    raw = element.get(attribute, "")
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise InvalidDiagramError(
            f"Diagram coordinate {attribute}={raw!r} is not a number.",
            line=element.sourceline,
            element_id=_owner_id(element),
        )
    return value


def _owner_id(element: etree._Element) -> str | None:
    node: etree._Element | None = element
    while node is not None and node.get("bpmnElement") is None:
        node = node.getparent()
    return node.get("bpmnElement") if node is not None else None


def bounds_of(di: etree._Element) -> Bounds:
    """The dc:Bounds of a BPMNShape (an error when missing: a shape needs a place)."""
    box = di.find(f"{{{DC_NS}}}Bounds")
    if box is None:
        raise InvalidDiagramError(
            "A diagram shape has no bounds.", line=di.sourceline, element_id=_owner_id(di)
        )
    return _to_bounds(box)


def _to_bounds(box: etree._Element) -> Bounds:
    values = [_number(box, a) for a in ("x", "y", "width", "height")]
    return Bounds(values[0], values[1], max(values[2], 0.0), max(values[3], 0.0))


def label_of(di: etree._Element) -> Bounds | None:
    """The BPMNLabel bounds of a shape or edge, when the modeler saved them."""
    box = di.find(_LABEL_BOUNDS)
    return _to_bounds(box) if box is not None else None


def _edge_from(flow: etree._Element, di: etree._Element, index: dict[str, etree._Element]) -> Edge:
    points = tuple(Point(_number(p, "x"), _number(p, "y")) for p in di.iter(f"{{{DI_NS}}}waypoint"))
    source = index.get(flow.get("sourceRef", ""))
    source_kind = local(source) if source is not None else ""
    has_condition = flow.find(f"{{{BPMN_NS}}}conditionExpression") is not None
    return Edge(
        element_id=flow.get("id", ""),
        kind=local(flow),
        name=flow.get("name") or "",
        waypoints=points,
        label=label_of(di),
        default=source is not None and source.get("default") == flow.get("id"),
        # The diamond marks a condition on a flow leaving an activity; on gateways
        # conditions are the norm and bpmn.io draws no marker.
        conditional=has_condition and source_kind in ACTIVITY_KINDS,
        directed=flow.get("associationDirection") in ("One", "Both"),
    )
