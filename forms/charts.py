"""Geometry of the statistics charts: server-drawn SVG, no script.

Each function turns a figure's rows into shapes with coordinates; the template
(`_charts.html`) draws them, so every text reaches the SVG through Jinja's autoescaping.
A withheld count is drawn as a hatched bar (or a marked cell) so the small-count rule shows
on the chart itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Value = int | float | str | None  # a count, a number of days, "" for no figure; None: withheld
WIDTH = 640
LABEL = 270  # room for the labels left of the bars
ROW = 24


@dataclass(frozen=True)
class Bar:
    """One horizontal bar: where it sits, how long it is, what it says."""

    y: float
    width: float
    label: str
    text: str
    withheld: bool
    series: int = 0


@dataclass(frozen=True)
class BarChart:
    """Bars (one or two series per row) in a box of `height`."""

    height: float
    bars: list[Bar]
    axis_x: float = LABEL
    legend: tuple[str, ...] = ()  # the series' names, when there are two


def _number(value: Value) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _plain(value: Value) -> str:
    return "" if value is None else str(value)


def _length(value: Value, top: float, room: float) -> float:
    if value is None:
        return room * 0.12  # a short hatched stub: there is something, not said how much
    number = _number(value)
    return room * number / top if number is not None and top else 0.0


def bars(
    rows: Sequence[tuple[str, Sequence[Value]]], withheld: str, legend: Sequence[str] = ()
) -> BarChart:
    """Horizontal bars; a row with two values gets two bars (two series, named in a legend
    above them)."""
    series = max((len(v) for _l, v in rows), default=1)
    top = max((n for _l, vs in rows for v in vs if (n := _number(v)) is not None), default=0.0)
    room = WIDTH - LABEL - 70
    found: list[Bar] = []
    for i, (label, values) in enumerate(rows):
        for s, value in enumerate(values):
            found.append(
                Bar(
                    y=i * ROW * series + s * ROW + (ROW if legend else 0),
                    width=_length(value, top, room),
                    label=label if s == 0 else "",
                    text=withheld if value is None else _plain(value),
                    withheld=value is None,
                    series=s,
                )
            )
    height = max(len(rows), 1) * ROW * series + 4 + (ROW if legend else 0)
    return BarChart(height=height, bars=found, legend=tuple(legend))


@dataclass(frozen=True)
class Stage:
    """One step of the funnel: a centred bar as wide as its count, joined to the next."""

    x: float
    width: float
    y: float
    label: str
    text: str
    withheld: bool
    joint: str  # the trapezoid down to the next step ("" for the last)


FUNNEL_ROW = 34.0
FUNNEL_BAR = 24.0


def funnel(rows: Sequence[tuple[str, Value]], withheld: str) -> tuple[float, list[Stage]]:
    """Centred bars, each as wide as its count; a withheld count keeps the width before it,
    hatched. Labels on the left, counts on the right."""
    top = max((n for _l, v in rows if (n := _number(v)) is not None), default=0.0)
    room, middle = WIDTH - LABEL - 70, LABEL + (WIDTH - LABEL - 70) / 2
    widths: list[float] = []
    for _label, value in rows:
        number = _number(value)
        before = widths[-1] if widths else room
        widths.append(before if number is None else max(2.0, room * number / top if top else 0))
    stages = []
    for i, (label, value) in enumerate(rows):
        y, width = i * FUNNEL_ROW, widths[i]
        joint = ""
        if i + 1 < len(rows):
            lower, bottom = widths[i + 1], y + FUNNEL_ROW
            corners = [
                (-width, y + FUNNEL_BAR),
                (width, y + FUNNEL_BAR),
                (lower, bottom),
                (-lower, bottom),
            ]
            joint = " ".join(f"{middle + dx / 2:.1f},{dy:.1f}" for dx, dy in corners)
        text = withheld if value is None else _plain(value)
        stages.append(Stage(middle - width / 2, width, y, label, text, value is None, joint))
    return len(rows) * FUNNEL_ROW, stages


@dataclass(frozen=True)
class HeatCell:
    """One cell of a heat table: position, shade (0-1) and its text."""

    x: float
    y: float
    shade: float
    text: str
    withheld: bool
    flagged: bool = False


@dataclass(frozen=True)
class Heat:
    """A grid of shaded cells with row and column labels."""

    width: float
    height: float
    cell_width: float
    columns: list[tuple[float, str]]
    rows: list[tuple[float, str]]
    cells: list[HeatCell]
    column_chars: int  # how much of a column's label fits above it


def heat(
    columns: Sequence[str],
    rows: Sequence[tuple[str, Sequence[Value]]],
    flags: frozenset[tuple[int, int]] = frozenset(),
    zero: str = "–",
) -> Heat:
    """Shaded by count; zero printed as a dash (as the article's Table 1), a withheld count
    as `*`, a cell with no figure left blank; flagged cells (row, column) are outlined."""
    label_width = 200.0
    cell_width = max(34.0, (WIDTH - label_width) / max(len(columns), 1))
    top = max((n for _l, vs in rows for v in vs if (n := _number(v)) is not None), default=0.0)
    cells = []
    for r, (_label, values) in enumerate(rows):
        for c, value in enumerate(values):
            number = _number(value)
            shade = number / top if number is not None and top else 0.0
            text = _cell_text(value, zero)
            x, y = label_width + c * cell_width, 22 + r * 22
            cells.append(HeatCell(x, y, shade, text, value is None, (r, c) in flags))
    return Heat(
        width=label_width + len(columns) * cell_width,
        height=26 + len(rows) * 22,
        cell_width=cell_width,
        columns=[
            (label_width + c * cell_width + cell_width / 2, col) for c, col in enumerate(columns)
        ],
        rows=[(22 + r * 22 + 15, label) for r, (label, _v) in enumerate(rows)],
        cells=cells,
        column_chars=max(3, int(cell_width / 8.5)),
    )


def _cell_text(value: Value, zero: str) -> str:
    if value is None:
        return "*"
    if value == 0:
        return zero
    return str(value)
