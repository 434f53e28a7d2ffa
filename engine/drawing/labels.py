"""External labels: events, gateways, data and flows carry their name outside the shape."""

from __future__ import annotations

import math

from lxml import etree

from engine.drawing.model import Bounds, Edge, Point, Shape
from engine.drawing.svgkit import LINE_HEIGHT, PAPER, text_lines, wrap

LABEL_WIDTH = 90.0  # bpmn.io wraps external labels at 90 px
_GAP = 5.0
EXTERNAL_LABEL_KINDS = frozenset(
    {
        "startEvent",
        "endEvent",
        "intermediateCatchEvent",
        "intermediateThrowEvent",
        "boundaryEvent",
        "exclusiveGateway",
        "parallelGateway",
        "inclusiveGateway",
        "eventBasedGateway",
        "complexGateway",
        "dataObjectReference",
        "dataStoreReference",
        "dataObject",
        "dataInput",
        "dataOutput",
    }
)


def _block(name: str, center_x: float, top: float, width: float) -> tuple[list[str], Bounds]:
    lines = wrap(name, width)
    height = len(lines) * LINE_HEIGHT
    return lines, Bounds(center_x - width / 2, top, width, height)


def _layout(
    name: str, saved: Bounds | None, center_x: float, top: float
) -> tuple[list[str], Bounds]:
    """Lines and box of a label: centred in the saved bounds, else below `top`."""
    if saved is None:
        return _block(name, center_x, top, LABEL_WIDTH)
    # Saved bounds were measured with the modeler's font; wrap at least as wide as
    # bpmn.io does so a short label is not broken by our rougher estimate.
    width = max(saved.width, LABEL_WIDTH)
    lines, box = _block(name, saved.center.x, 0, width)
    return lines, Bounds(box.x, saved.center.y - box.height / 2, box.width, box.height)


def shape_label_box(shape: Shape) -> Bounds | None:
    """Where an external shape label goes; None for shapes that label themselves."""
    if shape.kind not in EXTERNAL_LABEL_KINDS or not shape.name.strip():
        return None
    return _layout(shape.name, shape.label, shape.bounds.center.x, shape.bounds.bottom + _GAP)[1]


def draw_shape_label(parent: etree._Element, shape: Shape) -> None:
    """Draw the external label of an event, gateway or data element."""
    if shape.kind not in EXTERNAL_LABEL_KINDS or not shape.name.strip():
        return
    lines, box = _layout(shape.name, shape.label, shape.bounds.center.x, shape.bounds.bottom + _GAP)
    _halo(text_lines(parent, lines, box.center.x, box.y))


def _halo(text: etree._Element | None) -> None:
    """Outline the letters in white so a label stays legible where it crosses a line."""
    if text is not None:
        text.set("paint-order", "stroke")
        text.set("stroke", PAPER)
        text.set("stroke-width", "3")
        text.set("stroke-linejoin", "round")


def midpoint(points: tuple[Point, ...]) -> Point:
    """The point halfway along a polyline."""
    lengths = [math.dist((a.x, a.y), (b.x, b.y)) for a, b in zip(points, points[1:], strict=False)]
    remaining = sum(lengths) / 2
    for (a, b), length in zip(zip(points, points[1:], strict=False), lengths, strict=True):
        if remaining <= length and length > 0:
            t = remaining / length
            return Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
        remaining -= length
    return points[0]


def edge_label_box(edge: Edge) -> Bounds | None:
    """Where a flow's name goes: its saved label bounds, else just above its middle."""
    return _edge_layout(edge)[1] if edge.name.strip() and edge.waypoints else None


def _edge_layout(edge: Edge) -> tuple[list[str], Bounds]:
    middle = midpoint(edge.waypoints)
    lines = wrap(edge.name, LABEL_WIDTH)
    top = middle.y - len(lines) * LINE_HEIGHT - 3
    return _layout(edge.name, edge.label, middle.x, top)


def draw_edge_label(parent: etree._Element, edge: Edge) -> None:
    """Draw a flow's name."""
    if not edge.name.strip() or not edge.waypoints:
        return
    lines, box = _edge_layout(edge)
    _halo(text_lines(parent, lines, box.center.x, box.y))
