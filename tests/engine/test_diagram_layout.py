"""The drawings a caseworker reads: each SOP fits about two screens, no flow is drawn through
an element, and every label sits by what it names (issue 16, review 2 readability findings).

Measured on the diagram interchange with the project's own drawing (engine/drawing), so that
what is checked is what `nrm draw` and the case page show: a label's box is the one the drawing
centres on its saved bounds (at least 90 px wide), a flow is its waypoints.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from lxml import etree

from engine.drawing import render_svg
from engine.drawing.labels import edge_label_box, shape_label_box
from engine.drawing.model import Bounds, Diagram, Edge, Point, Shape
from engine.drawing.reader import choose_plane, read_diagram, semantic_index
from engine.drawing.svgkit import CHAR_WIDTH, wrap

BPMN_DIR = Path(__file__).resolve().parents[2] / "bpmn"
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"

# Diagrams re-laid out by hand under this check (add a file once it holds).
# Every diagram of the library.
CHECKED = sorted(p.name for p in BPMN_DIR.glob("*.bpmn"))
# About two screens of a caseworker's laptop (issue 16).
MAX_WIDTH = 3800.0
# A flow's name further than this from the flow reads as another flow's.
LABEL_REACH = 40.0
# Shapes a flow or a label may cross: containers, not steps.
CONTAINERS = frozenset({"participant", "lane", "laneSet", "textAnnotation", "group"})


def _diagram(name: str) -> tuple[Diagram, dict[str, etree._Element]]:
    root = etree.fromstring((BPMN_DIR / name).read_bytes())
    index = semantic_index(root)
    plane = choose_plane(root, index, None)
    assert plane is not None, f"{name} has no diagram"
    return read_diagram(index, plane), index


def _steps(diagram: Diagram) -> list[Shape]:
    """Tasks, events and gateways: what a flow must never be drawn through."""
    return [s for s in diagram.shapes if s.kind not in CONTAINERS and not s.expanded]


def _clips(a: Point, b: Point, box: Bounds, inset: float = 1.0) -> bool:
    """Whether segment a-b enters the box (shrunk by `inset`): Liang-Barsky clipping."""
    x0, y0, x1, y1 = box.x + inset, box.y + inset, box.right - inset, box.bottom - inset
    dx, dy = b.x - a.x, b.y - a.y
    low, high = 0.0, 1.0
    for p, q in ((-dx, a.x - x0), (dx, x1 - a.x), (-dy, a.y - y0), (dy, y1 - a.y)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b.x - a.x, b.y - a.y
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
    return math.dist((p.x, p.y), (a.x + t * dx, a.y + t * dy))


def _flow_distance(p: Point, edge: Edge) -> float:
    points = edge.waypoints
    return min(_segment_distance(p, a, b) for a, b in zip(points, points[1:], strict=False))


def _box_distance(one: Bounds, other: Bounds) -> float:
    dx = max(other.x - one.right, one.x - other.right, 0.0)
    dy = max(other.y - one.bottom, one.y - other.bottom, 0.0)
    return math.hypot(dx, dy)


def _overlap(one: Bounds, other: Bounds, inset: float = 1.0) -> bool:
    return (
        one.x + inset < other.right
        and other.x + inset < one.right
        and one.y + inset < other.bottom
        and other.y + inset < one.bottom
    )


def _ends(edge: Edge, index: dict[str, etree._Element]) -> set[str]:
    """The flow's own source and target, and the task a boundary event it leaves sits on."""
    flow = index[edge.element_id]
    ends = {flow.get("sourceRef", ""), flow.get("targetRef", "")}
    source = index.get(flow.get("sourceRef", ""))
    if source is not None and source.get("attachedToRef"):
        ends.add(source.get("attachedToRef", ""))
    return ends


def _inside(element_id: str, container_id: str, index: dict[str, etree._Element]) -> bool:
    node = index[element_id].getparent()
    while node is not None:
        if node.get("id") == container_id:
            return True
        node = node.getparent()
    return False


def _ink(name: str, box: Bounds) -> Bounds:
    """The part of a label's box its letters cover: lines are centred in the box."""
    width = max(len(line) for line in wrap(name, box.width)) * CHAR_WIDTH
    return Bounds(box.center.x - width / 2, box.y, width, box.height)


def _labels(diagram: Diagram) -> list[tuple[str, Bounds]]:
    """Every drawn label's letters: events', gateways' and flows' names."""
    boxes = [(s.element_id, s.name, shape_label_box(s)) for s in diagram.shapes]
    boxes += [(e.element_id, e.name, edge_label_box(e)) for e in diagram.edges]
    return [(element_id, _ink(name, box)) for element_id, name, box in boxes if box is not None]


@pytest.mark.parametrize("name", CHECKED)
def test_diagram_fits_two_screens(name: str) -> None:
    svg = etree.fromstring(render_svg((BPMN_DIR / name).read_bytes()).encode())
    assert float(svg.get("width", "0")) <= MAX_WIDTH


@pytest.mark.parametrize("name", CHECKED)
def test_no_flow_is_drawn_through_an_element(name: str) -> None:
    diagram, index = _diagram(name)
    crossings = []
    for edge in diagram.edges:
        ends = _ends(edge, index)
        for shape in diagram.shapes:
            if shape.element_id in ends or shape.kind in CONTAINERS:
                continue
            if shape.expanded and _inside(edge.element_id, shape.element_id, index):
                continue  # a flow inside a sub-process runs within its box
            points = edge.waypoints
            if any(_clips(a, b, shape.bounds) for a, b in zip(points, points[1:], strict=False)):
                crossings.append(f"{edge.element_id} through {shape.element_id}")
    assert crossings == []


@pytest.mark.parametrize("name", CHECKED)
def test_flow_labels_sit_on_their_flows(name: str) -> None:
    diagram, _ = _diagram(name)
    far = []
    for edge in diagram.edges:
        box = edge_label_box(edge)
        if box is None:
            continue
        distance = _flow_distance(box.center, edge)
        if distance > LABEL_REACH:
            far.append(f"{edge.element_id} {distance:.0f} px")
    assert far == []


@pytest.mark.parametrize("name", CHECKED)
def test_named_flows_have_saved_label_bounds(name: str) -> None:
    """A modeler places a label without saved bounds elsewhere than the drawing does."""
    diagram, _ = _diagram(name)
    assert [e.element_id for e in diagram.edges if e.name.strip() and e.label is None] == []


@pytest.mark.parametrize("name", CHECKED)
def test_labels_cover_no_step_and_no_other_label(name: str) -> None:
    diagram, _ = _diagram(name)
    labels = _labels(diagram)
    covered = [
        f"{element_id} over {shape.element_id}"
        for element_id, box in labels
        for shape in _steps(diagram)
        if shape.element_id != element_id and _overlap(box, shape.bounds)
    ]
    covered += [
        f"{one} over {other}"
        for i, (one, box) in enumerate(labels)
        for other, other_box in labels[i + 1 :]
        if _overlap(box, other_box)
    ]
    assert covered == []


@pytest.mark.parametrize("name", CHECKED)
def test_event_and_gateway_labels_sit_by_their_own_shape(name: str) -> None:
    diagram, index = _diagram(name)
    steps = _steps(diagram)
    astray = []
    for shape in steps:
        box = shape_label_box(shape)
        if box is None:
            continue
        box = _ink(shape.name, box)
        own = _box_distance(box, shape.bounds)
        host = index[shape.element_id].get("attachedToRef")  # a boundary event sits on it
        nearer = [
            s.element_id
            for s in steps
            if s.element_id not in (shape.element_id, host) and _box_distance(box, s.bounds) < own
        ]
        if own > LABEL_REACH or nearer:
            astray.append(f"{shape.element_id} {own:.0f} px, nearer {nearer}")
    assert astray == []
