"""Task-type icons (top-left of a task) and activity markers (bottom centre)."""

from __future__ import annotations

import math
from collections.abc import Callable

from lxml import etree

from engine.drawing.svgkit import INK, PAPER, fmt, sub

Icon = Callable[[etree._Element], None]
_LINE = {"fill": "none", "stroke": INK, "stroke-width": "1.2"}


def _user(g: etree._Element) -> None:
    sub(
        g,
        "path",
        {"d": "M 1 18 C 1 10 17 10 17 18 Z", "fill": PAPER, "stroke": INK, "stroke-width": "1.2"},
    )
    sub(
        g, "circle", {"cx": 9, "cy": 6, "r": 4, "fill": PAPER, "stroke": INK, "stroke-width": "1.2"}
    )
    sub(g, "path", {"d": "M 5 6 C 6 2.5 12 2.5 13 6 C 11 4.5 7 4.5 5 6 Z", "fill": INK})


def _script(g: etree._Element) -> None:
    outline = "M 4 1 H 15 C 12 5 18 10 15 17 H 4 C 7 10 1 5 4 1 Z"
    sub(g, "path", {"d": outline, **_LINE, "fill": PAPER})
    sub(g, "path", {"d": "M 6 5 H 12 M 7 9 H 13 M 7 13 H 13", **_LINE})


def _gear_points(cx: float, cy: float, teeth: int, outer: float, inner: float) -> str:
    points = []
    for step in range(teeth * 4):
        angle = 2 * math.pi * step / (teeth * 4)
        radius = outer if step % 4 in (1, 2) else inner
        points.append(f"{fmt(cx + radius * math.cos(angle))},{fmt(cy + radius * math.sin(angle))}")
    return " ".join(points)


def _service(g: etree._Element) -> None:
    sub(g, "polygon", {"points": _gear_points(9, 9, 8, 8.5, 6.2), **_LINE, "fill": PAPER})
    sub(g, "circle", {"cx": 9, "cy": 9, "r": 2.6, **_LINE})


def _business_rule(g: etree._Element) -> None:
    sub(g, "rect", {"x": 0.5, "y": 2, "width": 17, "height": 13, **_LINE, "fill": PAPER})
    sub(g, "rect", {"x": 0.5, "y": 2, "width": 17, "height": 4, "fill": INK})
    sub(g, "path", {"d": "M 0.5 10.5 H 17.5 M 5.5 6 V 15", **_LINE})


def _manual(g: etree._Element) -> None:
    hand = (
        "M 1 7 Q 1 5 3 4.5 L 7.5 1.5 Q 9.5 1 9 3 L 8 4.5 H 16 Q 17.5 5.75 16 7 H 10 "
        "M 10 7 H 17 Q 18.5 8.25 17 9.5 H 10 M 10 9.5 H 16 Q 17.5 10.75 16 12 H 10 "
        "M 10 12 H 14 Q 15.5 13.25 14 14.5 H 3 Q 1 14.5 1 12.5 Z"
    )
    sub(g, "path", {"d": hand, **_LINE, "fill": PAPER, "stroke-linejoin": "round"})


def _envelope_icon(filled: bool) -> Icon:
    def draw(g: etree._Element) -> None:
        sub(
            g,
            "rect",
            {
                "x": 0.5,
                "y": 3,
                "width": 17,
                "height": 12,
                "stroke": INK,
                "stroke-width": "1.2",
                "fill": INK if filled else PAPER,
            },
        )
        sub(
            g, "path", {"d": "M 0.5 3 L 9 10 L 17.5 3", **_LINE, "stroke": PAPER if filled else INK}
        )

    return draw


TASK_ICONS: dict[str, Icon] = {
    "userTask": _user,
    "scriptTask": _script,
    "serviceTask": _service,
    "businessRuleTask": _business_rule,
    "manualTask": _manual,
    "sendTask": _envelope_icon(filled=True),
    "receiveTask": _envelope_icon(filled=False),
}


def _loop_marker(g: etree._Element) -> None:
    sub(g, "path", {"d": "M 4 12.5 A 5.5 5.5 0 1 1 10 12.5", **_LINE, "stroke-width": "1.5"})
    sub(g, "path", {"d": "M 4 8.5 L 4 12.5 L 0 12.5", **_LINE, "stroke-width": "1.5"})


def _parallel_marker(g: etree._Element) -> None:
    sub(g, "path", {"d": "M 3 1 V 13 M 7 1 V 13 M 11 1 V 13", **_LINE, "stroke-width": "2"})


def _sequential_marker(g: etree._Element) -> None:
    sub(g, "path", {"d": "M 1 3 H 13 M 1 7 H 13 M 1 11 H 13", **_LINE, "stroke-width": "2"})


def _subprocess_marker(g: etree._Element) -> None:
    sub(g, "rect", {"x": 0, "y": 0, "width": 14, "height": 14, **_LINE, "fill": PAPER})
    sub(g, "path", {"d": "M 7 3 V 11 M 3 7 H 11", **_LINE, "stroke-width": "1.5"})


def _adhoc_marker(g: etree._Element) -> None:
    sub(g, "path", {"d": "M 1 9 C 3 4 6 4 7 7 C 8 10 11 10 13 5", **_LINE, "stroke-width": "1.5"})


def _compensation_marker(g: etree._Element) -> None:
    sub(g, "path", {"d": "M 0 7 L 7 2 V 12 Z M 7 7 L 14 2 V 12 Z", **_LINE})


ACTIVITY_MARKERS: dict[str, Icon] = {
    "loop": _loop_marker,
    "parallel": _parallel_marker,
    "sequential": _sequential_marker,
    "subprocess": _subprocess_marker,
    "adhoc": _adhoc_marker,
    "compensation": _compensation_marker,
}
MARKER_SIZE = 14.0
