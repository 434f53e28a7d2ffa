"""Events (circles with definition glyphs) and gateways (diamonds with markers)."""

from __future__ import annotations

import math

from lxml import etree

from engine.drawing.glyphs import EVENT_GLYPHS, event_glyph_key
from engine.drawing.model import Shape
from engine.drawing.svgkit import INK, PAPER, Attr, fmt, sub

EVENT_KINDS = frozenset(
    {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
)
GATEWAY_KINDS = frozenset(
    {
        "exclusiveGateway",
        "parallelGateway",
        "inclusiveGateway",
        "eventBasedGateway",
        "complexGateway",
    }
)
_THROWING = frozenset({"endEvent", "intermediateThrowEvent"})
_LINE = {"fill": "none", "stroke": INK}


def _local_frame(g: etree._Element, shape: Shape, unit: float) -> etree._Element:
    """A group centred on the shape and scaled so glyphs drawn for `unit` size fit."""
    center = shape.bounds.center
    scale = min(shape.bounds.width, shape.bounds.height) / unit
    transform = f"translate({fmt(center.x)} {fmt(center.y)}) scale({fmt(scale)})"
    return sub(g, "g", {"transform": transform})


def draw_event(g: etree._Element, shape: Shape) -> None:
    """Start: thin circle; intermediate and boundary: double; end: thick."""
    center, radius = shape.bounds.center, min(shape.bounds.width, shape.bounds.height) / 2
    width = {"startEvent": "2", "endEvent": "4"}.get(shape.kind, "1.5")
    circle: dict[str, Attr] = {
        "cx": center.x,
        "cy": center.y,
        "r": radius,
        "fill": PAPER,
        "stroke": INK,
    }
    dashed: dict[str, str] = {} if shape.interrupting else {"stroke-dasharray": "5 3"}
    sub(g, "circle", {"class": "outline", **circle, "stroke-width": width, **dashed})
    if shape.kind not in ("startEvent", "endEvent"):
        inner = {"cx": center.x, "cy": center.y, "r": max(radius - 3, 1)}
        sub(g, "circle", {**inner, **_LINE, "stroke-width": "1.5", **dashed})
    key = event_glyph_key(shape.event_definitions, "parallel-multiple" in shape.flags)
    if key is not None:
        EVENT_GLYPHS[key](_local_frame(g, shape, 36), shape.kind in _THROWING)


def _pentagon(radius: float) -> str:
    corners = (-math.pi / 2 + 2 * math.pi * i / 5 for i in range(5))
    return " ".join(f"{fmt(radius * math.cos(a))},{fmt(radius * math.sin(a))}" for a in corners)


def _gateway_marker(frame: etree._Element, shape: Shape) -> None:
    thick = {**_LINE, "stroke-width": "4"}
    if shape.kind == "exclusiveGateway" and "marker-hidden" not in shape.flags:
        sub(frame, "path", {"d": "M -8 -9 L 8 9 M 8 -9 L -8 9", **thick})
    elif shape.kind == "parallelGateway":
        sub(frame, "path", {"d": "M 0 -12 V 12 M -12 0 H 12", **thick})
    elif shape.kind == "inclusiveGateway":
        sub(frame, "circle", {"r": 11, **_LINE, "stroke-width": "2.5"})
    elif shape.kind == "complexGateway":
        star = "M 0 -12 V 12 M -12 0 H 12 M -8.5 -8.5 L 8.5 8.5 M 8.5 -8.5 L -8.5 8.5"
        sub(frame, "path", {"d": star, **_LINE, "stroke-width": "3"})
    elif shape.kind == "eventBasedGateway":
        _event_based_marker(frame, "parallel-events" in shape.flags)


def _event_based_marker(frame: etree._Element, parallel: bool) -> None:
    sub(frame, "circle", {"r": 13, **_LINE, "stroke-width": "1"})
    if parallel:
        cross = "M -2.5 -8 H 2.5 V -2.5 H 8 V 2.5 H 2.5 V 8 H -2.5 V 2.5 H -8 V -2.5 H -2.5 Z"
        sub(frame, "path", {"d": cross, **_LINE, "stroke-width": "1.2"})
        return
    sub(frame, "circle", {"r": 10.5, **_LINE, "stroke-width": "1"})
    sub(frame, "polygon", {"points": _pentagon(6.5), **_LINE, "stroke-width": "1.3"})


def draw_gateway(g: etree._Element, shape: Shape) -> None:
    """A diamond with the marker of its gateway type."""
    box = shape.bounds
    c = box.center
    corners = f"{fmt(c.x)},{fmt(box.y)} {fmt(box.right)},{fmt(c.y)} "
    corners += f"{fmt(c.x)},{fmt(box.bottom)} {fmt(box.x)},{fmt(c.y)}"
    style = {"fill": PAPER, "stroke": INK, "stroke-width": "2", "stroke-linejoin": "round"}
    sub(g, "polygon", {"class": "outline", "points": corners, **style})
    _gateway_marker(_local_frame(g, shape, 50), shape)
