"""Assemble the SVG document: stylesheet, markers, layers of shapes and flows, legend."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import reduce
from typing import cast

from lxml import etree

from engine.drawing.activities import is_container
from engine.drawing.edges import draw_edge, draw_marker_defs
from engine.drawing.labels import edge_label_box, shape_label_box
from engine.drawing.model import Bounds, Diagram, Edge, ElementState, Shape
from engine.drawing.shapes import draw_shape
from engine.drawing.style import ARROW, LEGEND_LABELS, ROOT_CLASS, stylesheet
from engine.drawing.svgkit import CHAR_WIDTH, INK, PAPER, SVG_NS, Attr, fmt, sub

MARGIN = 20.0
NO_DIAGRAM_MESSAGE = (
    "This file has no diagram information (BPMNDI); "
    "open it in a BPMN modeler and save it to add a layout."
)
_LEGEND_HEIGHT = 26.0
_FLOW_STATES = frozenset({ElementState.COVERED, ElementState.UNCOVERED})


def _root(title: str) -> etree._Element:
    attributes = {
        "class": ROOT_CLASS,
        "role": "img",
        "aria-label": title,
        "preserveAspectRatio": "xMidYMin meet",
    }
    # SVG as the default namespace; lxml-stubs wrongly refuse the None prefix.
    nsmap = cast("dict[str, str]", {None: SVG_NS})
    svg = etree.Element(f"{{{SVG_NS}}}svg", attrib=attributes, nsmap=nsmap)
    sub(svg, "title").text = title
    sub(svg, "style").text = stylesheet()
    return svg


def _view(svg: etree._Element, box: Bounds, margin: float = MARGIN) -> None:
    """Fit the viewBox to `box` plus a margin and paint a white page behind everything.

    The drawing's own size is one pixel per unit, so its 12 px text stays 12 px where a page
    shows it as it is (scrolling); a page that wants it smaller scales it with CSS."""
    view = Bounds(box.x - margin, box.y - margin, box.width + 2 * margin, box.height + 2 * margin)
    svg.set("viewBox", " ".join(fmt(v) for v in (view.x, view.y, view.width, view.height)))
    svg.set("width", fmt(view.width))
    svg.set("height", fmt(view.height))
    page = sub(
        svg,
        "rect",
        {
            "class": "bpmn-background",
            "x": view.x,
            "y": view.y,
            "width": view.width,
            "height": view.height,
            "fill": PAPER,
        },
    )
    svg.insert(2, page)  # after <title> and <style>, beneath every drawing


def diagram_bounds(diagram: Diagram) -> Bounds:
    """The box around every shape, label and waypoint of the diagram."""
    boxes: list[Bounds] = []
    for shape in diagram.shapes:
        boxes.append(shape.bounds)
        boxes.extend(b for b in [shape_label_box(shape)] if b is not None)
    for edge in diagram.edges:
        if edge.waypoints:
            boxes.append(Bounds.around(edge.waypoints))
        boxes.extend(b for b in [edge_label_box(edge)] if b is not None)
    return reduce(Bounds.union, boxes, boxes[0]) if boxes else Bounds(0, 0, 100, 50)


def _kind_words(kind: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", kind).lower()


def _group(
    parent: etree._Element, kind: str, element_id: str, name: str, state: ElementState | None
) -> etree._Element:
    """The <g> of one element: its classes, id and tooltip."""
    classes = f"bpmn-{kind}" + (f" state-{state}" if state else "")
    g = sub(parent, "g", {"class": classes, "data-element-id": element_id})
    tooltip = [f"{name.strip()} ({_kind_words(kind)})" if name.strip() else _kind_words(kind)]
    tooltip.append(f"id: {element_id}")
    if state:
        tooltip.append(f"state: {state}")
    sub(g, "title").text = "\n".join(tooltip)
    return g


def _layers(diagram: Diagram) -> tuple[list[Shape], list[Shape]]:
    """Containers (pools, lanes, expanded sub-processes) first, then the shapes they hold."""
    # Pools before lanes whatever the DI order: a pool's white fill would hide its lanes.
    below = [s for s in diagram.shapes if s.kind == "participant"]
    below += [s for s in diagram.shapes if s.kind == "lane"]
    below += sorted((s for s in diagram.shapes if is_container(s)), key=lambda s: -s.bounds.area)
    placed = {id(s) for s in below}
    rest = [s for s in diagram.shapes if id(s) not in placed]
    # Boundary events go last so they sit on top of the activity border they are attached to.
    above = [s for s in rest if s.kind != "boundaryEvent"]
    above += [s for s in rest if s.kind == "boundaryEvent"]
    return below, above


def _draw_shapes(
    parent: etree._Element, shapes: Iterable[Shape], states: Mapping[str, ElementState]
) -> None:
    for shape in shapes:
        state = states.get(shape.element_id)
        draw_shape(_group(parent, shape.kind, shape.element_id, shape.name, state), shape)


def _draw_edges(
    parent: etree._Element, edges: Iterable[Edge], states: Mapping[str, ElementState]
) -> None:
    for edge in edges:
        state = states.get(edge.element_id)
        draw_edge(_group(parent, edge.kind, edge.element_id, edge.name, state), edge)


_SWATCH_LINE: dict[str, Attr] = {
    "class": "line",
    "fill": "none",
    "stroke": INK,
    "stroke-width": 1.5,
}
_SWATCH_BOX: dict[str, Attr] = {
    "class": "outline",
    "width": 24,
    "height": 14,
    "rx": 4,
    "fill": PAPER,
    "stroke": INK,
    "stroke-width": 2,
}


def _legend_item(parent: etree._Element, state: ElementState, x: float, y: float) -> float:
    """Draw one swatch and its label; return the item's width."""
    item = sub(parent, "g", {"class": f"bpmn-legend-item state-{state}"})
    if state in _FLOW_STATES:  # coverage is mostly about flows, so show a line
        line = f"M {fmt(x)} {fmt(y + 7)} H {fmt(x + 24)}"
        sub(item, "path", {**_SWATCH_LINE, "d": line, "marker-end": f"url(#{ARROW}-{state})"})
    else:
        sub(item, "rect", {**_SWATCH_BOX, "x": x, "y": y})
    label = LEGEND_LABELS[state]
    sub(item, "text", {"x": x + 30, "y": y + 11}).text = label
    return 30 + len(label) * CHAR_WIDTH + 14


def draw_legend(
    parent: etree._Element, used: list[ElementState], left: float, top: float
) -> Bounds:
    """A row of swatches for the states the overlay uses; returns the box it occupies."""
    legend = sub(parent, "g", {"class": "bpmn-legend"})
    background = sub(
        legend,
        "rect",
        {
            "x": left,
            "y": top,
            "height": _LEGEND_HEIGHT,
            "rx": 4,
            "fill": PAPER,
            "stroke": "#d0d3d8",
        },
    )
    x = left + 8
    for state in used:
        x += _legend_item(legend, state, x, top + 6)
    background.set("width", fmt(x - left))
    return Bounds(left, top, x - left, _LEGEND_HEIGHT)


def build_document(
    diagram: Diagram, states: Mapping[str, ElementState], title: str | None, legend: bool
) -> str:
    """The SVG for a diagram with its overlay states."""
    svg = _root(title or diagram.name or "BPMN diagram")
    draw_marker_defs(sub(svg, "defs"))
    below, above = _layers(diagram)
    _draw_shapes(sub(svg, "g", {"class": "bpmn-layer-containers"}), below, states)
    _draw_shapes(sub(svg, "g", {"class": "bpmn-layer-nodes"}), above, states)
    # Flows on top, as bpmn.io draws them: their ends sit on shape borders and would
    # otherwise be half hidden (the open circle of a message flow, for one).
    _draw_edges(sub(svg, "g", {"class": "bpmn-layer-flows"}), diagram.edges, states)
    box = diagram_bounds(diagram)
    shown = {states[i] for i in _drawn_ids(diagram) if i in states}
    used = [s for s in ElementState if s in shown]
    if legend and used:
        top = box.y - _LEGEND_HEIGHT - 12  # above the drawing, so it never hides a shape
        box = box.union(draw_legend(svg, used, box.x, top))
    _view(svg, box)
    return etree.tostring(svg, encoding="unicode")


def _drawn_ids(diagram: Diagram) -> list[str]:
    return [s.element_id for s in diagram.shapes] + [e.element_id for e in diagram.edges]


_NOTICE_BOX: dict[str, Attr] = {
    "x": 0.5,
    "y": 0.5,
    "height": 43,
    "rx": 6,
    "fill": "#f6f7f9",
    "stroke": "#c9ccd1",
}


def no_diagram_document(title: str | None, process_id: str | None = None) -> str:
    """A small SVG that says the file (or its process `process_id`) has no layout to draw."""
    svg = _root(title or "BPMN diagram without layout")
    message = NO_DIAGRAM_MESSAGE
    if process_id is not None:
        message = message.replace("(BPMNDI);", f"(BPMNDI) for process {process_id!r};")
    width = len(message) * CHAR_WIDTH + 40
    box = Bounds(0, 0, width, 44)
    sub(svg, "rect", {**_NOTICE_BOX, "width": width - 1})
    sub(svg, "text", {"class": "bpmn-no-diagram", "x": 20, "y": 26}).text = message
    _view(svg, box, margin=0)
    return etree.tostring(svg, encoding="unicode")
