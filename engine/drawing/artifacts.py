"""Data objects and stores, text annotations, groups, and a fallback for unknown kinds."""

from __future__ import annotations

from lxml import etree

from engine.drawing.model import Bounds, Shape
from engine.drawing.svgkit import INK, PAPER, fmt, sub, text_in_box, text_lines, wrap

DATA_KINDS = frozenset({"dataObjectReference", "dataObject", "dataInput", "dataOutput"})
_STROKE = {"stroke": INK, "stroke-width": "1.5"}


def draw_data_object(g: etree._Element, shape: Shape) -> None:
    """A page with a folded corner; ||| for collections, an arrow for inputs and outputs."""
    b = shape.bounds
    fold = min(12.0, b.width / 3)
    x, y, r, bottom = fmt(b.x), fmt(b.y), fmt(b.right), fmt(b.bottom)
    page = f"M {x} {y} H {fmt(b.right - fold)} L {r} {fmt(b.y + fold)} V {bottom} H {x} Z"
    sub(g, "path", {"class": "outline", "d": page, "fill": PAPER, **_STROKE})
    corner = f"M {fmt(b.right - fold)} {y} V {fmt(b.y + fold)} H {r}"
    sub(g, "path", {"d": corner, "fill": "none", **_STROKE})
    if "collection" in shape.flags:
        cx, top = b.center.x, b.bottom - 14
        bars = " ".join(f"M {fmt(cx + dx)} {fmt(top)} V {fmt(top + 10)}" for dx in (-4, 0, 4))
        sub(g, "path", {"d": bars, "fill": "none", "stroke": INK, "stroke-width": "2"})
    if shape.kind in ("dataInput", "dataOutput"):
        arrow = "M 0 3 H 6 V 0 L 11 5 L 6 10 V 7 H 0 Z"
        fill = INK if shape.kind == "dataOutput" else PAPER
        transform = f"translate({fmt(b.x + 4)} {fmt(b.y + 4)})"
        sub(g, "path", {"d": arrow, "transform": transform, "fill": fill, **_STROKE})


def draw_data_store(g: etree._Element, shape: Shape) -> None:
    """A cylinder."""
    b = shape.bounds
    rx, ry = b.width / 2, min(b.height * 0.12, 10.0)
    left, right, top, low = fmt(b.x), fmt(b.right), b.y + ry, fmt(b.bottom - ry)
    arc = f"{fmt(rx)} {fmt(ry)} 0 0"
    body = f"M {left} {fmt(top)} A {arc} 1 {right} {fmt(top)} V {low} A {arc} 1 {left} {low} Z"
    sub(g, "path", {"class": "outline", "d": body, "fill": PAPER, **_STROKE})
    rims = " ".join(
        f"M {left} {fmt(top + dy)} A {arc} 0 {right} {fmt(top + dy)}" for dy in (0, 5, 10)
    )
    sub(g, "path", {"d": rims, "fill": "none", **_STROKE})


def draw_annotation(g: etree._Element, shape: Shape) -> None:
    """An open bracket with the text beside it."""
    b = shape.bounds
    # An invisible box so the annotation has an outline for hover and overlay states.
    sub(
        g,
        "rect",
        {
            "class": "outline",
            "x": b.x,
            "y": b.y,
            "width": b.width,
            "height": b.height,
            "fill": "none",
            "stroke": "none",
        },
    )
    bracket = f"M {fmt(b.x + 10)} {fmt(b.y)} H {fmt(b.x)} V {fmt(b.bottom)} H {fmt(b.x + 10)}"
    sub(g, "path", {"d": bracket, "fill": "none", **_STROKE})
    text_lines(g, wrap(shape.name, b.width - 10), b.x + 5, b.y + 5, anchor="start")


def draw_group(g: etree._Element, shape: Shape) -> None:
    """A dash-dotted rounded box with its category value at the top."""
    b = shape.bounds
    sub(
        g,
        "rect",
        {
            "class": "outline",
            "x": b.x,
            "y": b.y,
            "width": b.width,
            "height": b.height,
            "rx": 10,
            "fill": "none",
            **_STROKE,
            "stroke-dasharray": "10 4 2 4",
        },
    )
    text_lines(g, wrap(shape.name, b.width - 10), b.center.x, b.y + 5)


def draw_unknown(g: etree._Element, shape: Shape) -> None:
    """An element this renderer has no notation for: a dashed box, so it is still visible."""
    b = shape.bounds
    sub(
        g,
        "rect",
        {
            "class": "outline",
            "x": b.x,
            "y": b.y,
            "width": b.width,
            "height": b.height,
            "fill": PAPER,
            **_STROKE,
            "stroke-dasharray": "4 3",
        },
    )
    text_in_box(g, shape.name or shape.kind, Bounds(b.x, b.y, b.width, b.height))
