"""Small helpers to build SVG with lxml, so every piece of file text is escaped by lxml."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lxml import etree

from engine.drawing.model import Bounds, Point

SVG_NS = "http://www.w3.org/2000/svg"
INK = "#22242a"  # near-black outlines and text, softer than pure black
PAPER = "#ffffff"
CHAR_WIDTH = 6.5  # average width of one character at 12 px
LINE_HEIGHT = 14.0
FONT_SIZE = 12.0

Attr = str | float | int


def fmt(value: Attr) -> str:
    """An attribute value; numbers rounded to two decimals without trailing zeros."""
    if isinstance(value, str):
        return value
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def sub(
    parent: etree._Element, tag: str, attrs: Mapping[str, Attr] | None = None
) -> etree._Element:
    """Append an SVG element with the given attributes."""
    element = etree.SubElement(parent, f"{{{SVG_NS}}}{tag}")
    for key, value in (attrs or {}).items():
        element.set(key, fmt(value))
    return element


def points_attr(points: Iterable[Point]) -> str:
    """The `points` attribute of a polygon or polyline."""
    return " ".join(f"{fmt(p.x)},{fmt(p.y)}" for p in points)


def path_through(points: Iterable[Point]) -> str:
    """A path `d` through the points in order."""
    return " ".join(f"{'M' if i == 0 else 'L'} {fmt(p.x)} {fmt(p.y)}" for i, p in enumerate(points))


def wrap(text: str, width: float) -> list[str]:
    """Break text into lines that fit `width` pixels; explicit newlines are kept."""
    limit = max(int(width / CHAR_WIDTH), 4)
    lines: list[str] = []
    for paragraph in text.splitlines():
        lines.extend(_wrap_paragraph(paragraph.split(), limit))
    return lines


def _wrap_paragraph(words: list[str], limit: int) -> list[str]:
    lines: list[str] = []
    current = ""
    # A word a little longer than the line (Russian and Kyrgyz have many) stands on a line
    # of its own, overhanging a few characters, rather than broken mid-word.
    whole = limit + max(3, limit // 3)
    for word in words:
        if limit < len(word) <= whole:
            if current:
                lines.append(current)
            lines.append(word)
            current = ""
            continue
        while len(word) > limit:  # a much longer word is split hard
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:limit])
            word = word[limit:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def text_lines(
    parent: etree._Element, lines: list[str], x: float, top: float, anchor: str = "middle"
) -> etree._Element | None:
    """A <text> whose first baseline sits one font size below `top`; None when empty."""
    if not lines:
        return None
    text = sub(parent, "text", {"x": x, "y": top + FONT_SIZE - 1, "text-anchor": anchor})
    for index, line in enumerate(lines):
        span = sub(text, "tspan", {"x": x, "dy": 0 if index == 0 else LINE_HEIGHT})
        span.text = line
    return text


def text_in_box(parent: etree._Element, text: str, box: Bounds, padding: float = 5.0) -> None:
    """Text wrapped to the box and centred in it both ways."""
    lines = wrap(text, box.width - 2 * padding)
    top = box.center.y - len(lines) * LINE_HEIGHT / 2
    text_lines(parent, lines, box.center.x, top)


def text_block_height(lines: list[str]) -> float:
    """The height a block of wrapped lines needs."""
    return len(lines) * LINE_HEIGHT
