"""Tasks, sub-processes and call activities: rounded boxes with type icons and markers."""

from __future__ import annotations

from lxml import etree

from engine.drawing.icons import ACTIVITY_MARKERS, MARKER_SIZE, TASK_ICONS
from engine.drawing.model import Bounds, Shape
from engine.drawing.svgkit import INK, PAPER, sub, text_in_box, text_lines, wrap

ACTIVITY_KINDS = frozenset(
    {
        "task",
        "userTask",
        "scriptTask",
        "serviceTask",
        "businessRuleTask",
        "manualTask",
        "sendTask",
        "receiveTask",
        "callActivity",
        "subProcess",
        "transaction",
        "adHocSubProcess",
    }
)
_SUBPROCESS_KINDS = frozenset({"subProcess", "transaction", "adHocSubProcess", "callActivity"})
_CORNER = 10.0
_MARKER_GAP = 4.0


def is_container(shape: Shape) -> bool:
    """Expanded sub-processes hold other shapes, so they are drawn beneath them."""
    return shape.kind in _SUBPROCESS_KINDS and shape.expanded


def _outline_style(shape: Shape) -> dict[str, str]:
    style = {"fill": PAPER, "stroke": INK, "stroke-width": "2"}
    if shape.kind == "callActivity":
        style["stroke-width"] = "4.5"  # BPMN: a call activity has a thick border
    if "event-subprocess" in shape.flags:
        style.update({"stroke-width": "1.5", "stroke-dasharray": "4 3"})
    return style


def _markers(shape: Shape) -> list[str]:
    keys: list[str] = [shape.loop] if shape.loop else []
    if shape.kind == "adHocSubProcess":
        keys.append("adhoc")
    if "compensation" in shape.flags:
        keys.append("compensation")
    if shape.kind in _SUBPROCESS_KINDS and not shape.expanded:
        keys.append("subprocess")
    return keys


def _draw_markers(g: etree._Element, box: Bounds, keys: list[str]) -> None:
    total = len(keys) * MARKER_SIZE + (len(keys) - 1) * _MARKER_GAP
    left = box.center.x - total / 2
    top = box.bottom - MARKER_SIZE - 5
    for index, key in enumerate(keys):
        x = left + index * (MARKER_SIZE + _MARKER_GAP)
        ACTIVITY_MARKERS[key](sub(g, "g", {"transform": f"translate({x:.2f} {top:.2f})"}))


def _draw_label(g: etree._Element, shape: Shape, has_markers: bool) -> None:
    box = shape.bounds
    if shape.expanded:
        lines = wrap(shape.name, box.width - 20)
        text_lines(g, lines, box.center.x, box.y + 6)
        return
    # Keep the text clear of the markers along the bottom edge.
    trim = MARKER_SIZE + 4 if has_markers else 0.0
    text_in_box(g, shape.name, Bounds(box.x, box.y, box.width, box.height - trim))


def draw_activity(g: etree._Element, shape: Shape) -> None:
    """Draw a task or sub-process with its icon, markers and centred name."""
    box = shape.bounds
    rect = {"x": box.x, "y": box.y, "width": box.width, "height": box.height, "rx": _CORNER}
    sub(g, "rect", {"class": "outline", **rect, **_outline_style(shape)})
    if shape.kind == "transaction":  # a transaction has a double border
        inner = {"x": box.x + 3, "y": box.y + 3, "width": box.width - 6, "height": box.height - 6}
        sub(
            g,
            "rect",
            {**inner, "rx": _CORNER - 3, "fill": "none", "stroke": INK, "stroke-width": "1.5"},
        )
    icon = TASK_ICONS.get(shape.kind)
    if icon is not None:
        icon(sub(g, "g", {"transform": f"translate({box.x + 6:.2f} {box.y + 6:.2f})"}))
    keys = _markers(shape)
    if keys:
        _draw_markers(g, box, keys)
    _draw_label(g, shape, bool(keys))
