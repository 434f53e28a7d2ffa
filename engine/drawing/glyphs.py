"""Small recognisable glyphs: event definitions, task types and activity markers.

Event glyphs are drawn around (0, 0) for an event of radius 18 and scaled by the
caller; task icons in a 0..18 box; activity markers in a 14 x 14 box.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from lxml import etree

from engine.drawing.svgkit import INK, PAPER, fmt, sub

Glyph = Callable[[etree._Element, bool], None]  # (group, filled) -> None


def _paint(filled: bool) -> dict[str, str]:
    """Throwing events draw their glyph filled, catching ones outlined."""
    return {"fill": INK if filled else PAPER, "stroke": INK, "stroke-width": "1.5"}


def _envelope(g: etree._Element, filled: bool, w: float = 16, h: float = 11) -> None:
    sub(g, "rect", {"x": -w / 2, "y": -h / 2, "width": w, "height": h, **_paint(filled)})
    flap = f"M {fmt(-w / 2)} {fmt(-h / 2)} L 0 {fmt(h / 10)} L {fmt(w / 2)} {fmt(-h / 2)}"
    sub(
        g,
        "path",
        {"d": flap, "fill": "none", "stroke": PAPER if filled else INK, "stroke-width": "1.2"},
    )


def _timer(g: etree._Element, _filled: bool) -> None:
    sub(g, "circle", {"r": 11, **_paint(False), "stroke-width": "2"})
    ticks = []
    for hour in range(12):
        angle = math.pi * hour / 6
        c, s = math.cos(angle), math.sin(angle)
        ticks.append(f"M {fmt(8 * c)} {fmt(8 * s)} L {fmt(10 * c)} {fmt(10 * s)}")
    sub(g, "path", {"d": " ".join(ticks), "stroke": INK, "stroke-width": "1"})
    sub(
        g,
        "path",
        {
            "d": "M 0 0 L 0 -7 M 0 0 L 5 2",
            "fill": "none",
            "stroke": INK,
            "stroke-width": "1.5",
            "stroke-linecap": "round",
        },
    )


def _polygon(points: str) -> Glyph:
    def draw(g: etree._Element, filled: bool) -> None:
        sub(g, "polygon", {"points": points, **_paint(filled), "stroke-linejoin": "round"})

    return draw


def _conditional(g: etree._Element, _filled: bool) -> None:
    sub(g, "rect", {"x": -7, "y": -9, "width": 14, "height": 18, **_paint(False)})
    lines = " ".join(f"M -4.5 {y} L 4.5 {y}" for y in (-5, -1.5, 2, 5.5))
    sub(g, "path", {"d": lines, "stroke": INK, "stroke-width": "1.2"})


def _terminate(g: etree._Element, _filled: bool) -> None:
    sub(g, "circle", {"r": 10, "fill": INK})


_PLUS = (
    "-2.5,-10 2.5,-10 2.5,-2.5 10,-2.5 10,2.5 2.5,2.5 "
    "2.5,10 -2.5,10 -2.5,2.5 -10,2.5 -10,-2.5 -2.5,-2.5"
)


def _cancel(g: etree._Element, filled: bool) -> None:
    cross = sub(g, "polygon", {"points": _PLUS, **_paint(filled), "stroke-linejoin": "round"})
    cross.set("transform", "rotate(45)")


def _compensate(g: etree._Element, filled: bool) -> None:
    _polygon("-10,0 -1,-6 -1,6")(g, filled)
    _polygon("-1,0 8,-6 8,6")(g, filled)


EVENT_GLYPHS: dict[str, Glyph] = {
    "message": _envelope,
    "timer": _timer,
    "error": _polygon("-8,9 -3,-8 2,2 8,-9 3,8 -2,-2"),
    "escalation": _polygon("0,-10 7,9 0,2 -7,9"),
    "signal": _polygon("0,-10 9,6 -9,6"),
    "conditional": _conditional,
    "terminate": _terminate,
    "cancel": _cancel,
    "compensate": _compensate,
    "link": _polygon("-8,-3 2,-3 2,-8 9,0 2,8 2,3 -8,3"),
    "multiple": _polygon("0,-10 9.5,-3 6,8 -6,8 -9.5,-3"),
    "parallel-multiple": _polygon(_PLUS),
}


def event_glyph_key(definitions: tuple[str, ...], parallel: bool) -> str | None:
    """Which glyph to draw for an event's definitions (several make 'multiple')."""
    if not definitions:
        return None
    if len(definitions) > 1:
        return "parallel-multiple" if parallel else "multiple"
    return definitions[0] if definitions[0] in EVENT_GLYPHS else None
