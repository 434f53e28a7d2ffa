"""Monitoring figures for the national rapporteur (brief §6, issue 19): aggregates only.

The counts are read once per change of the cases (engine/statcube.py) and every table is
protected as a whole, for all years at once (engine/statbook.py, engine/disclosure.py); a
year filter reads one row of the same protected tables, so comparing filters gives nothing
away. Every category of a breakdown is present, empty or not. Durations are given only where
their count is shown and at least `SMALL`.
"""

from __future__ import annotations

import statistics as stats
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from engine.agencies import ROLES
from engine.catalogue import AGES, FUNNEL, INDICATORS, RECORDED_WITH, SEXES, STEPS, Step
from engine.disclosure import ALL, RULE, SMALL, TOTAL, protect_line, protect_table
from engine.facts import MEMBER, UNKNOWN
from engine.statbook import Book, Table, derived
from engine.statcube import Cube

TASK_AGENCIES = (*(r.code for r in ROLES if r.has_tasks), UNKNOWN)


def figures(
    book: Book, cube: Cube, *, year: int | None, now: datetime, overdue: Counter[tuple[str, str]]
) -> dict[str, Any]:
    """Every monitoring figure of one year of reports (by the case's start) or of all."""
    key = ALL if year is None else str(year)
    row = _rows(book, key)
    reported = book.lines["reported"]
    return {
        "year": year,
        "years": [int(y) for y in book.years],
        "generated_at": now.isoformat(),
        "counted_at": datetime.fromtimestamp(cube.counted_at, UTC).isoformat(),
        "rule": RULE,
        "cases": {
            "total": reported.shown(key),
            "by_year": {y: reported.shown(y) for y in book.years},
            "by_outcome": row("outcome"),
            "by_reporting_agency": row("reported:sector"),
        },
        "by_fact": _by_fact(book, key),
        "by_year_and_region": {
            y: book.tables["reported:region"].row(y)
            for y in (book.years if year is None else [key] if key in book.years else [])
        },
        "people": _people(book, key),
        "funnel": [
            *(_step(book, s, key) for s in FUNNEL),
            {"name": "closed", "total": derived(book, "reported", ("outcome", "open"), key)},
        ],
        "indicators": [_step(book, s, key) for s in INDICATORS],
        "lists": _lists(book, key),
        "time_to_milestone": _milestones(book, cube, key),
        "missed_deadlines_by_agency": _tasks(book.years, _missed(cube, overdue), key),
        "overdue_tasks_by_agency": _tasks(book.years, overdue, key),
        "cases_without_facts": protect_line(
            {y: cube.without_facts.get(y, 0) for y in book.years}
        ).shown(key),
    }


def _rows(book: Book, key: str) -> Any:
    def row(name: str) -> dict[str, int | None]:
        return book.tables[name].row(key) if key in (*book.years, ALL) else _empty(book, name)

    return row


def _empty(book: Book, name: str) -> dict[str, int | None]:
    """A year without cases: every category, each zero."""
    return dict.fromkeys(book.tables[name].axes[0], 0)


def _by_fact(book: Book, key: str) -> dict[str, dict[str, int | None]]:
    row = _rows(book, key)
    found = {
        name.removeprefix("fact:"): row(name) for name in book.tables if name.startswith("fact:")
    }
    found["region"] = row("reported:region")
    people = book.tables["people"]
    found["sex"] = {s: _cell(book, people, (key, s, TOTAL)) for s in SEXES}
    return dict(sorted(found.items()))


def _cell(book: Book, table: Table, cell: tuple[str, ...]) -> int | None:
    return table.cells[cell] if cell[0] in (*book.years, ALL) else 0


def _people(book: Book, key: str) -> dict[str, Any]:
    people = book.tables["people"]
    return {
        "sex_by_age": {
            s: {a: _cell(book, people, (key, s, a)) for a in (*AGES, TOTAL)} for s in SEXES
        },
        "by_age": {a: _cell(book, people, (key, TOTAL, a)) for a in AGES},
        "citizenship": _rows(book, key)("citizenship"),
    }


def _step(book: Book, step: Step, key: str) -> dict[str, Any]:
    row = _rows(book, key)
    shown = book.lines[step.name].shown(key) if key in (*book.years, ALL) else 0
    return {
        "name": step.name,
        "total": shown,
        "by_reporting_agency": row(f"{step.name}:sector"),
        "by_region": row(f"{step.name}:region"),
    }


def _lists(book: Book, key: str) -> dict[str, dict[str, int | None]]:
    found: dict[str, dict[str, int | None]] = {}
    for name, line in book.lines.items():
        if name.startswith("list:"):
            field, member = name.removeprefix("list:").split(MEMBER, 1)
            found.setdefault(field, {})[member] = (
                line.shown(key) if key in (*book.years, ALL) else 0
            )
    return dict(sorted(found.items()))


def _count_of(book: Book, milestone: str, key: str) -> int | None:
    if key not in (*book.years, ALL):
        return 0
    step = next((s for s in STEPS if s.milestone == milestone), None)
    if step is not None:
        return book.lines[step.name].shown(key)
    if milestone in RECORDED_WITH:
        fact = f"fact:{RECORDED_WITH[milestone]}"
        if fact in book.tables:
            return derived(book, "reported", (fact, UNKNOWN), key)
    line = book.lines.get(f"milestone:{milestone}")
    return line.shown(key) if line else 0


def _milestones(book: Book, cube: Cube, key: str) -> dict[str, dict[str, Any]]:
    found: dict[str, Counter[int]] = {}
    for (y, name, tenths), n in cube.days.items():
        if key in (ALL, y):
            found.setdefault(name, Counter())[tenths] += n
    return {name: _days(_count_of(book, name, key), hist) for name, hist in sorted(found.items())}


def _days(count: int | None, hist: Counter[int]) -> dict[str, Any]:
    if count is None or count < SMALL:
        return {"cases": count, "median_days": None, "p90_days": None}
    days = [t / 10 for t, n in sorted(hist.items()) for _ in range(n)]
    p90 = days[min(len(days) - 1, int(0.9 * len(days)))]
    return {"cases": count, "median_days": round(stats.median(days), 1), "p90_days": p90}


def _missed(cube: Cube, overdue: Counter[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """Deadlines missed: tasks done or cancelled after theirs, and open tasks past it now."""
    return cube.late_tasks + overdue


def _tasks(years: list[str], counts: Counter[tuple[str, str]], key: str) -> dict[str, int | None]:
    """Tasks by agency, protected like counts of people (a task is someone's)."""
    per_year: Counter[str] = Counter()
    cells: dict[tuple[str, ...], int] = {}
    for (y, agency), n in counts.items():
        a = agency if agency in TASK_AGENCIES else UNKNOWN
        cells[(y, a)] = cells.get((y, a), 0) + n
        per_year[y] += n
    line = protect_line({y: per_year.get(y, 0) for y in years})
    if key not in (*years, ALL):
        return dict.fromkeys(TASK_AGENCIES, 0)
    table = protect_table(years, [TASK_AGENCIES], cells, {(TOTAL,): line})
    return {a: table[(key, a)] for a in TASK_AGENCIES}
