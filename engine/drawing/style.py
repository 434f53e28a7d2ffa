"""The embedded stylesheet: calm, distinct colours for overlay states."""

from __future__ import annotations

from engine.drawing.model import ElementState
from engine.drawing.svgkit import INK

FONT_FAMILY = "Arial, Helvetica, 'Liberation Sans', sans-serif"
ROOT_CLASS = "bpmn-diagram"
# Ids are prefixed so markers do not clash with the ids of a page the SVG is inlined in.
ARROW = "bpmn-arrow"

GREEN, DARK_GREEN, BLUE, RED, GREY = "#4d8a4a", "#2e7d32", "#1f64c4", "#c0392b", "#8c9098"
# The colour each state gives borders, lines and arrowheads.
STATE_COLOURS: dict[ElementState, str] = {
    ElementState.COMPLETED: GREEN,
    ElementState.READY: BLUE,
    ElementState.OVERDUE: RED,
    ElementState.CANCELLED: GREY,
    ElementState.COVERED: DARK_GREEN,
    ElementState.UNCOVERED: RED,
}
# (outline rule for shapes, line rule for flows) per state. Shapes keep a light
# fill so names stay readable; borders carry the signal.
_STATE_RULES: dict[ElementState, tuple[str, str]] = {
    ElementState.COMPLETED: ("fill: #e4f1e1;", "stroke-width: 2.5px;"),
    ElementState.READY: ("fill: #eef4fc; stroke-width: 4px;", "stroke-width: 2.5px;"),
    ElementState.OVERDUE: ("fill: #fdf0ee; stroke-width: 4px;", "stroke-width: 2.5px;"),
    ElementState.CANCELLED: (
        "fill: #f1f2f4; stroke-dasharray: 6 4;",
        "stroke-dasharray: 6 4;",
    ),
    ElementState.COVERED: ("stroke-width: 3px;", "stroke-width: 2.5px;"),
    ElementState.UNCOVERED: (
        "stroke-width: 3px; stroke-dasharray: 6 4;",
        "stroke-width: 2px; stroke-dasharray: 7 5;",
    ),
}

LEGEND_LABELS: dict[ElementState, str] = {
    ElementState.COMPLETED: "Completed",
    ElementState.READY: "Ready",
    ElementState.OVERDUE: "Overdue",
    ElementState.CANCELLED: "Cancelled",
    ElementState.COVERED: "Covered",
    ElementState.UNCOVERED: "Not covered",
}


def stylesheet() -> str:
    """CSS scoped to the diagram's root class, so inlining it in a page leaks nothing."""
    # No ">" combinators: inlined in HTML, <style> is raw text and "&gt;" would stay escaped.
    root = f".{ROOT_CLASS}"
    rules = [
        f"{root} {{ font-family: {FONT_FAMILY}; font-size: 12px; }}",
        f"{root} text {{ fill: {INK}; }}",
        f"{root} .state-cancelled text {{ fill: #6b7078; }}",
    ]
    for state, (outline, line) in _STATE_RULES.items():
        colour = STATE_COLOURS[state]
        rules.append(f"{root} .state-{state} .outline {{ stroke: {colour}; {outline} }}")
        rules.append(f"{root} .state-{state} .line {{ stroke: {colour}; {line} }}")
        arrow = f"url(#{ARROW}-{state})"
        rules.append(f"{root} .bpmn-sequenceFlow.state-{state} .line {{ marker-end: {arrow}; }}")
    return "\n".join(rules)
