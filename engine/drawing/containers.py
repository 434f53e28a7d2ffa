"""Pools (participants) with a name band, and lanes with their names rotated in the band."""

from __future__ import annotations

from lxml import etree

from engine.drawing.model import Bounds, Shape
from engine.drawing.svgkit import INK, LINE_HEIGHT, PAPER, fmt, sub, text_in_box, text_lines, wrap

CONTAINER_KINDS = frozenset({"participant", "lane"})
BAND = 30.0  # width of the name band, as bpmn.io draws it


def _rect(g: etree._Element, box: Bounds, fill: str) -> None:
    sub(
        g,
        "rect",
        {
            "class": "outline",
            "x": box.x,
            "y": box.y,
            "width": box.width,
            "height": box.height,
            "fill": fill,
            "stroke": INK,
            "stroke-width": "1.5",
        },
    )


def _band_name(g: etree._Element, name: str, box: Bounds, horizontal: bool) -> None:
    """The name in the band: rotated along the left side, or across the top."""
    if not horizontal:
        text_in_box(g, name, Bounds(box.x, box.y, box.width, BAND), padding=4)
        return
    lines = wrap(name, box.height - 10)[:2]  # only two lines fit across a 30 px band
    cx, cy = box.x + BAND / 2, box.center.y
    text = text_lines(g, lines, cx, cy - len(lines) * LINE_HEIGHT / 2)
    if text is not None:
        text.set("transform", f"rotate(-90 {fmt(cx)} {fmt(cy)})")


def draw_participant(g: etree._Element, shape: Shape) -> None:
    """A pool: a box with a separated band for its name (or a black box with centred name)."""
    box = shape.bounds
    _rect(g, box, PAPER)
    if "black-box" in shape.flags:
        text_in_box(g, shape.name, box)
        return
    band = (
        f"M {fmt(box.x + BAND)} {fmt(box.y)} V {fmt(box.bottom)}"
        if shape.horizontal
        else f"M {fmt(box.x)} {fmt(box.y + BAND)} H {fmt(box.right)}"
    )
    sub(g, "path", {"d": band, "fill": "none", "stroke": INK, "stroke-width": "1.5"})
    _band_name(g, shape.name, box, shape.horizontal)


def draw_lane(g: etree._Element, shape: Shape) -> None:
    """A lane inside a pool, named in its own band."""
    _rect(g, shape.bounds, "none")
    _band_name(g, shape.name, shape.bounds, shape.horizontal)
