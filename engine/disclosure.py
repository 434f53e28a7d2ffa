"""Disclosure control for the rapporteur's figures: small counts are withheld, and no
withheld count can be worked out from the published ones.

Every count of people is a cell of a table: a population (the cases reported, or those that
reached a step) broken down per year of report and by one or two characteristics, with its
margins — the all-years row (`ALL`) and the total column (`TOTAL`). A year filter reads one
row, the all-years view the `ALL` row: publishing both is publishing the whole table, so the
table is protected as a whole, and every filter reads the same protected cells.

- **Primary suppression**: a count from 1 to `SMALL - 1` is withheld.
- **Secondary suppression** (the hypercube method): every withheld cell must be a corner of a
  box of withheld cells — two years by two values on each characteristic. Moving counts
  around the box (+1, -1, ... alternately; margins move with their rows) keeps every
  published number, so the published numbers fit more than one value of each withheld one:
  no subtraction, and no other linear combination, gives it away. Missing corners are
  withheld too, choosing the box that hides the fewest people.
- **Linked tables**: tables of one population share its per-year counts (a `Line`, protected
  first). A withheld count of the line is withheld in every table that shows it, each time
  in a box with the same partner year; other boxes never touch the line. So no table tells
  more about the line than the line itself.

Zero counts are published (a category is always present, empty or not): zeros enter a box
only when no other box exists.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

SMALL = 5
ALL = "all"
TOTAL = "total"
MARGINS = frozenset({ALL, TOTAL})
ZERO_COST = 10**6  # a zero in a box: published as withheld, better avoided
BLOCKED = 10**9  # a box whose zeros would pin it (they cannot go below zero either way)
RULE = (
    f"Counts of people from 1 to {SMALL - 1} are withheld; other counts are withheld too "
    "where they would let a withheld one be worked out — from a total, from another year or "
    f"from another table. Times are shown over at least {SMALL} cases. Published official "
    "figures and registered crimes are public and shown in full."
)

Cell = tuple[str, ...]  # (year or ALL, value on each characteristic or TOTAL)


def small(count: int) -> bool:
    """A count that is withheld by itself."""
    return 0 < count < SMALL


@dataclass(frozen=True)
class Line:
    """A population counted per year and over all years, protected."""

    values: Mapping[str, int]
    withheld: frozenset[str]
    partners: tuple[tuple[str, str], ...]  # (withheld year, the withheld key it pairs with)

    def shown(self, key: str) -> int | None:
        """The published count (None when withheld)."""
        return None if key in self.withheld else self.values.get(key, 0)


def protect_line(per_year: Mapping[str, int]) -> Line:
    """Withhold small counts of a yearly series and, if just one would be, one more."""
    values = {**per_year, ALL: sum(per_year.values())}
    withheld = {k for k, v in values.items() if small(v)}
    if len(withheld) == 1:
        others = sorted((v == 0, v, k) for k, v in values.items() if k not in withheld)
        withheld.add(others[0][2])
    order = sorted(withheld)
    partners = tuple((k, order[(i + 1) % len(order)]) for i, k in enumerate(order))
    return Line(values, frozenset(withheld), partners if len(order) > 1 else ())


@dataclass
class _Grid:
    """A table with its margins, and the cells withheld so far."""

    rows: list[str]
    dims: list[list[str]]
    values: dict[Cell, int]
    shared: frozenset[Cell]  # non-year coordinates of the lines shared with other tables
    withheld: set[Cell]

    def on_line(self, cell: Cell) -> bool:
        return cell[1:] in self.shared

    def boxes(self, cell: Cell) -> Iterator[list[Cell]]:
        """Every box with `cell` as a corner that touches no shared line."""
        choices = [[r for r in self.rows if r != cell[0]]]
        choices += [[v for v in dim if v != cell[i + 1]] for i, dim in enumerate(self.dims)]
        for other in itertools.product(*choices):
            corners = list(itertools.product(*zip(cell, other, strict=True)))
            if not any(self.on_line(c) for c in corners):
                yield corners

    def cost(self, corners: list[Cell], anchor: Cell) -> int:
        new = [c for c in corners if c not in self.withheld]
        zeros = {_sign(c, anchor) for c in corners if self.values[c] == 0}
        return sum(self.values[c] or ZERO_COST for c in new) + (BLOCKED if len(zeros) > 1 else 0)

    def cover(self, cell: Cell) -> None:
        """Make `cell` a corner of a fully withheld box (the cheapest one)."""
        best: tuple[int, list[Cell]] | None = None
        for corners in self.boxes(cell):
            cost = self.cost(corners, cell)
            if cost == 0:
                return
            if best is None or cost < best[0]:
                best = (cost, corners)
        if best is None:
            raise ValueError(f"no box around {cell}: a table needs two values on each axis")
        self.withheld.update(best[1])


def _sign(corner: Cell, anchor: Cell) -> int:
    """The direction a corner moves when the anchor moves up (margins move with their line)."""
    flips = sum(1 for a, b in zip(anchor, corner, strict=True) if a != b and not ({a, b} & MARGINS))
    return -1 if flips % 2 else 1


def augment(
    years: Sequence[str], axes: Sequence[Sequence[str]], counts: Mapping[Cell, int]
) -> dict[Cell, int]:
    """Every cell of the table with its margins: per year and ALL, per value and TOTAL."""
    rows = [*years, ALL]
    dims = [[*axis, TOTAL] for axis in axes]
    margins = [ALL, *[TOTAL] * len(axes)]
    values = dict.fromkeys(itertools.product(rows, *dims), 0)
    for key, count in counts.items():
        if count:
            for cell in itertools.product(*zip(key, margins, strict=True)):
                values[cell] += count
    return values


def protect_table(
    years: Sequence[str],
    axes: Sequence[Sequence[str]],
    counts: Mapping[Cell, int],
    shared: Mapping[tuple[str, ...], Line],
) -> dict[Cell, int | None]:
    """Every cell of a table with its margins, the withheld ones as None.

    `counts` holds the people per (year, value on each axis); `shared` the lines this table
    shares with others, by their non-year coordinates (the population's total is
    `(TOTAL, ...)`), already protected."""
    if any(len(axis) < 2 for axis in axes):
        return _narrow(years, axes, counts, shared)
    values = augment(years, axes, counts)
    grid = _Grid([*years, ALL], [[*a, TOTAL] for a in axes], values, frozenset(shared), set())
    for key, line in shared.items():
        for year in [*years, ALL]:
            if line.values.get(year, 0) != values[(year, *key)]:
                raise ValueError(f"line {key} does not match the table in {year}")
        grid.withheld.update((year, *key) for year in line.withheld)
    grid.withheld.update(c for c, v in values.items() if small(v) and not grid.on_line(c))
    for key, line in shared.items():
        for year, partner in line.partners:
            _pair(grid, key, year, partner)
    todo = sorted(c for c in grid.withheld if not grid.on_line(c))
    while todo:
        before = set(grid.withheld)
        grid.cover(todo.pop())
        todo.extend(sorted(c for c in grid.withheld - before if not grid.on_line(c)))
    return {c: (None if c in grid.withheld else v) for c, v in values.items()}


def _pair(grid: _Grid, key: tuple[str, ...], year: str, partner: str) -> None:
    """A box around a withheld count of a shared line, with the line's own partner year."""
    best: tuple[int, list[Cell]] | None = None
    alternatives = [[v for v in dim if v != k] for k, dim in zip(key, grid.dims, strict=True)]
    for other in itertools.product(*alternatives):
        corners = list(itertools.product((year, partner), *zip(key, other, strict=True)))
        if sum(grid.on_line(c) for c in corners) != 2:
            continue
        cost = grid.cost(corners, (year, *key))
        if best is None or cost < best[0]:
            best = (cost, corners)
    if best is None:
        raise ValueError(f"no box for the shared line {key}")
    grid.withheld.update(best[1])


def _narrow(
    years: Sequence[str],
    axes: Sequence[Sequence[str]],
    counts: Mapping[Cell, int],
    shared: Mapping[tuple[str, ...], Line],
) -> dict[Cell, int | None]:
    """A table with a one-value axis: that value's cells are its margin's, so the table is
    protected without the axis and each cell takes its margin's status."""
    keep = [i for i, axis in enumerate(axes) if len(axis) > 1]

    def project(cell: Cell) -> Cell:
        return (cell[0], *(cell[i + 1] for i in keep))

    narrow_counts: dict[Cell, int] = {}
    for key, count in counts.items():
        narrow_counts[project(key)] = narrow_counts.get(project(key), 0) + count
    narrow_shared = {project(("", *key))[1:]: line for key, line in shared.items()}
    if keep:
        narrow = protect_table(years, [axes[i] for i in keep], narrow_counts, narrow_shared)
    else:
        line = narrow_shared.get(()) or protect_line({y: narrow_counts.get((y,), 0) for y in years})
        narrow = {(y,): line.shown(y) for y in [*years, ALL]}
    return {cell: narrow[project(cell)] for cell in augment(years, axes, counts)}
