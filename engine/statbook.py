"""Every table of the rapporteur's page, protected once per count of the cases.

The book holds each figure for every year and over all years, with its withheld cells
(engine/disclosure.py); a year filter only reads a row of it. Tables of the cases reported
share the reported line, tables of a step share that step's line, and a step that is a value
of a fact is that column of the fact's table: each line is protected before the tables that
show it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from engine.agencies import SECTORS
from engine.catalogue import (
    AGES,
    CITIZENSHIP,
    OWN_TABLES,
    RECORDED_WITH,
    REPORTED,
    SEXES,
    STEPS,
    Step,
    age_of,
    citizenship_of,
    sector_of,
)
from engine.disclosure import TOTAL, Cell, Line, protect_line, protect_table
from engine.facts import MEMBER, MILESTONE, UNKNOWN
from engine.statcube import Cube

ByYear = Counter[Cell]  # (year, value) -> cases


@dataclass(frozen=True)
class Table:
    """A protected breakdown: its axes and every cell with its margins (withheld: None)."""

    axes: tuple[tuple[str, ...], ...]
    cells: Mapping[Cell, int | None]

    def row(self, year: str) -> dict[str, int | None]:
        """One year's (or ALL's) counts by value, for a table with one axis."""
        return {v: self.cells[(year, v)] for v in self.axes[0]}


@dataclass
class Book:
    """Every protected line and table."""

    years: list[str]
    lines: dict[str, Line] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)


def _options(cube: Cube, name: str, seen: Iterable[str], first: Sequence[str] = ()) -> list[str]:
    mark = cube.fields.get(name)
    declared = [*first, *(mark.options if mark else ())]
    return list(dict.fromkeys([*declared, *sorted(set(seen) - set(declared)), UNKNOWN]))


Where = tuple[str, str, str]  # year, reporting agency, region
Index = dict[tuple[str, str], list[tuple[Where, int]]]  # (fact, value) -> where and how many


def _index(cube: Cube) -> Index:
    found: Index = {}
    for (y, a, r, name, value), n in cube.facts.items():
        found.setdefault((name, value), []).append(((y, a, r), n))
    return found


def _step_counts(cube: Cube, index: Index, step: Step) -> tuple[ByYear, ByYear]:
    """A step's cases by (year, region) and by (year, sector)."""
    regions: ByYear = Counter()
    sectors: ByYear = Counter()
    if step.milestone is None and step.fact is None:
        rows = [((y, a, r), n) for (y, a, r, _o), n in cube.cases.items()]
    else:
        wanted = (MILESTONE + step.milestone, "") if step.milestone else step.fact
        rows = index.get(wanted, []) if wanted else []
    for (y, agency, region), n in rows:
        regions[(y, region)] += n
        sectors[(y, sector_of(agency))] += n
    return regions, sectors


def _per_year(counts: ByYear) -> dict[str, int]:
    totals: Counter[str] = Counter()
    for (y, _v), n in counts.items():
        totals[y] += n
    return dict(totals)


def build(cube: Cube) -> Book:
    """Protect every figure of the cube."""
    book = Book(cube.years)
    years = book.years
    region_axis = _options(cube, "region", (r for (_y, _a, r, _o) in cube.cases))
    index = _index(cube)
    for step in STEPS:
        regions, sectors = _step_counts(cube, index, step)
        line = protect_line({y: _per_year(regions).get(y, 0) for y in years})
        book.lines[step.name] = line
        book.tables[f"{step.name}:region"] = _table(years, [region_axis], regions, line)
        book.tables[f"{step.name}:sector"] = _table(years, [[*SECTORS, UNKNOWN]], sectors, line)
    reported = book.lines[REPORTED.name]
    _case_tables(cube, book, reported)
    _fact_tables(cube, book, reported)
    _milestone_lines(cube, book)
    _list_lines(cube, book)
    return book


def _table(
    years: list[str],
    axes: Sequence[Sequence[str]],
    counts: Mapping[Cell, int],
    line: Line,
    shared: Mapping[Cell, Line] | None = None,
) -> Table:
    own = {(TOTAL,) * len(axes): line, **(shared or {})}
    return Table(tuple(tuple(a) for a in axes), protect_table(years, axes, counts, own))


def _case_tables(cube: Cube, book: Book, reported: Line) -> None:
    outcome: ByYear = Counter()
    for (y, _a, _r, o), n in cube.cases.items():
        outcome[(y, o)] += n
    axis = _options(cube, "", (o for _y, o in outcome), ["open", *cube.outcomes, "cancelled"])
    book.tables["outcome"] = _table(book.years, [axis], outcome, reported)
    people: Counter[Cell] = Counter()
    for (y, sex, group), n in cube.people.items():
        people[(y, sex if sex in SEXES else "other", age_of(group))] += n
    book.tables["people"] = _table(book.years, [SEXES, AGES], people, reported)
    citizens: ByYear = Counter()
    recorded: Counter[str] = Counter()
    for (y, _a, _r, name, value), n in cube.facts.items():
        if name == "citizenship":
            citizens[(y, citizenship_of(value))] += n
            recorded[y] += n
    for y in book.years:
        citizens[(y, UNKNOWN)] += reported.values.get(y, 0) - recorded[y]
    book.tables["citizenship"] = _table(book.years, [CITIZENSHIP], citizens, reported)


def _fact_tables(cube: Cube, book: Book, reported: Line) -> None:
    """A table per enumerated single-value fact, unknown for cases without it."""
    by_name: dict[str, ByYear] = {}
    for (y, _a, _r, name, value), n in cube.facts.items():
        if MEMBER not in name and name not in OWN_TABLES:
            by_name.setdefault(name, Counter())[(y, value)] += n
    for name, mark in sorted(cube.fields.items()):
        if mark.kind != "value" or not mark.options or name in OWN_TABLES:
            continue
        counts = by_name.get(name, Counter())
        recorded = _per_year(counts)
        for y in book.years:
            counts[(y, UNKNOWN)] += reported.values.get(y, 0) - recorded.get(y, 0)
        axis = _options(cube, name, (v for _y, v in counts))
        columns: dict[Cell, Line] = {
            (s.fact[1],): book.lines[s.name] for s in STEPS if s.fact and s.fact[0] == name
        }
        book.tables[f"fact:{name}"] = _table(book.years, [axis], counts, reported, columns)


def _milestone_lines(cube: Cube, book: Book) -> None:
    """Lines of milestones outside the catalogue (their times are shown with their count)."""
    known = {s.milestone for s in STEPS} | set(RECORDED_WITH)
    found: ByYear = Counter()
    for (y, _a, _r, name, _v), n in cube.facts.items():
        if name.startswith(MILESTONE) and name[len(MILESTONE) :] not in known:
            found[(y, name[len(MILESTONE) :])] += n
    for milestone in sorted({m for _y, m in found}):
        per_year = {y: found.get((y, milestone), 0) for y in book.years}
        book.lines[f"milestone:{milestone}"] = protect_line(per_year)


def _list_lines(cube: Cube, book: Book) -> None:
    """A line per value of a list (or `each`) field: cases that have it."""
    found: ByYear = Counter()
    for (y, _a, _r, name, _v), n in cube.facts.items():
        if MEMBER in name and not name.startswith(MILESTONE):
            found[(y, name)] += n
    names = {n for _y, n in found}
    for field_name, mark in cube.fields.items():
        if mark.kind in ("members", "each"):
            names |= {f"{field_name}{MEMBER}{o}" for o in mark.options}
    for name in sorted(names):
        book.lines[f"list:{name}"] = protect_line({y: found.get((y, name), 0) for y in book.years})


def derived(book: Book, key: str, minus: tuple[str, str], year: str) -> int | None:
    """A line minus one cell of a table, shown only when both are (e.g. closed cases: all
    cases but the open ones)."""
    cells = book.tables[minus[0]].cells
    line, cell = book.lines[key].shown(year), cells.get((year, minus[1]), 0)
    return None if line is None or cell is None else line - cell
