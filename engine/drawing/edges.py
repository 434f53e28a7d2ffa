"""Sequence flows, message flows and associations, and the arrowhead markers they use."""

from __future__ import annotations

from lxml import etree

from engine.drawing.labels import draw_edge_label
from engine.drawing.model import Edge
from engine.drawing.style import ARROW, STATE_COLOURS
from engine.drawing.svgkit import INK, PAPER, Attr, path_through, sub

_ARROW_PATH = "M 1 3 L 19 10 L 1 17 Z"
_DOTTED = {"stroke-dasharray": "1.5 4", "stroke-linecap": "round"}


def _marker(
    defs: etree._Element, marker_id: str, size: float, ref: tuple[float, float]
) -> etree._Element:
    # userSpaceOnUse keeps arrowheads the same size when a state thickens the line.
    return sub(
        defs,
        "marker",
        {
            "id": marker_id,
            "viewBox": f"0 0 {size:g} {size:g}",
            "refX": ref[0],
            "refY": ref[1],
            "markerWidth": size / 2,
            "markerHeight": size / 2,
            "orient": "auto",
            "markerUnits": "userSpaceOnUse",
        },
    )


_STROKED = {"fill": PAPER, "stroke": INK}
# (id, viewBox size, reference point, child tag, child attributes) of the non-arrow markers.
_LINE_ENDS: tuple[tuple[str, float, tuple[float, float], str, dict[str, Attr]], ...] = (
    (
        "bpmn-default",
        40,
        (0, 20),
        "path",
        {"d": "M 14 28 L 26 12", "stroke": INK, "stroke-width": 3},
    ),
    (
        "bpmn-conditional",
        40,
        (1, 20),
        "path",
        {"d": "M 1 20 L 16 11 L 31 20 L 16 29 Z", **_STROKED, "stroke-width": 2.5},
    ),
    (
        "bpmn-message-start",
        24,
        (12, 12),
        "circle",
        {"cx": 12, "cy": 12, "r": 7, **_STROKED, "stroke-width": 2.5},
    ),
    ("bpmn-message-end", 20, (19, 10), "path", {"d": _ARROW_PATH, **_STROKED, "stroke-width": 1.5}),
    (
        "bpmn-association-end",
        20,
        (19, 10),
        "path",
        {"d": "M 3 3 L 19 10 L 3 17", "fill": "none", "stroke": INK, "stroke-width": 1.5},
    ),
)


def draw_marker_defs(defs: etree._Element) -> None:
    """Define arrowheads, the default-flow slash, the conditional diamond and flow ends."""
    # Flows coloured by an overlay state get an arrowhead of the same colour.
    arrows = [(ARROW, INK)] + [(f"{ARROW}-{s}", c) for s, c in STATE_COLOURS.items()]
    for marker_id, colour in arrows:
        sub(_marker(defs, marker_id, 20, (19, 10)), "path", {"d": _ARROW_PATH, "fill": colour})
    for marker_id, size, ref, tag, attrs in _LINE_ENDS:
        sub(_marker(defs, marker_id, size, ref), tag, attrs)


def _line_style(edge: Edge) -> dict[str, str]:
    if edge.kind == "sequenceFlow":
        style = {"marker-end": f"url(#{ARROW})"}
        if edge.default:
            style["marker-start"] = "url(#bpmn-default)"
        elif edge.conditional:
            style["marker-start"] = "url(#bpmn-conditional)"
        return style
    if edge.kind == "messageFlow":
        return {
            "stroke-dasharray": "8 5",
            "marker-start": "url(#bpmn-message-start)",
            "marker-end": "url(#bpmn-message-end)",
        }
    if edge.kind in ("dataInputAssociation", "dataOutputAssociation") or edge.directed:
        return {**_DOTTED, "marker-end": "url(#bpmn-association-end)"}
    return dict(_DOTTED)


def draw_edge(g: etree._Element, edge: Edge) -> None:
    """Draw a flow along its waypoints, with a wide invisible stroke to ease hovering."""
    if len(edge.waypoints) < 2:
        return
    d = path_through(edge.waypoints)
    sub(
        g,
        "path",
        {"d": d, "fill": "none", "stroke": INK, "stroke-opacity": "0", "stroke-width": "10"},
    )
    sub(
        g,
        "path",
        {
            "class": "line",
            "d": d,
            "fill": "none",
            "stroke": INK,
            "stroke-width": "1.5",
            "stroke-linejoin": "round",
            **_line_style(edge),
        },
    )
    draw_edge_label(g, edge)
