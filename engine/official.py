"""Official figures: published counts kept as printed, shown beside the system's own.

A CSV file (`source,indicator,region,year,value`, one count a line) is read whole and
checked before anything is stored: every problem is reported with its line. Loading the
same file again changes nothing; a changed value replaces the one before (the source
corrected its table). Published counts are public: they are never suppressed.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, select

from engine.config import ROOT
from engine.errors import InvalidOfficialFiguresError, Problem
from engine.models import OfficialFigure

COLUMNS = ("source", "indicator", "region", "year", "value")
NATIONAL = "national"
REGISTERED_CRIMES = "registered_crimes"
SHIPPED = ROOT / "data" / "official"
# A dash in a printed statistical table means "no case" (the phenomenon is absent).
DASHES = frozenset({"–", "-", "—"})
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


@dataclass(frozen=True)
class OfficialRow:
    """One published count."""

    source: str
    indicator: str
    region: str
    year: int
    value: int


@dataclass(frozen=True)
class ImportResult:
    """What loading a file did."""

    added: int
    changed: int
    unchanged: int


def parse(text: str, *, file: str) -> list[OfficialRow]:
    """The rows of a CSV file; every problem at once, with its line."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in next(reader, [])]
    if tuple(header) != COLUMNS:
        raise _invalid(file, [(1, f"The first line must be {','.join(COLUMNS)}.")])
    rows: list[OfficialRow] = []
    problems: list[tuple[int, str]] = []
    seen: dict[tuple[str, str, str, int], int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        row = _row(cells, line, problems)
        if row is None:
            continue
        key = (row.source, row.indicator, row.region, row.year)
        if key in seen:
            problems.append((line, f"The same count is given again (first on line {seen[key]})."))
        seen.setdefault(key, line)
        rows.append(row)
    if problems:
        raise _invalid(file, problems)
    return rows


def _row(cells: list[str], line: int, problems: list[tuple[int, str]]) -> OfficialRow | None:
    if len(cells) != len(COLUMNS):
        problems.append((line, f"Expected {len(COLUMNS)} values, found {len(cells)}."))
        return None
    source, indicator, region, year, value = (c.strip() for c in cells)
    found = len(problems)
    if not source or len(source) > 255:
        problems.append((line, "source: a name of up to 255 characters is needed."))
    for name, code in (("indicator", indicator), ("region", region)):
        if not _CODE.match(code):
            problems.append((line, f"{name}: {code!r} is not a code (a-z, 0-9, _)."))
    if not (year.isdigit() and 1900 <= int(year) <= 2100):
        problems.append((line, f"year: {year!r} is not a year."))
    number = 0 if value in DASHES else (int(value) if value.isdigit() else None)
    if number is None:
        problems.append((line, f"value: {value!r} is not a whole number or a dash."))
    if len(problems) > found or number is None:
        return None
    return OfficialRow(source, indicator, region, int(year), number)


def _invalid(file: str, problems: list[tuple[int, str]]) -> InvalidOfficialFiguresError:
    return InvalidOfficialFiguresError(
        f"{file}: {len(problems)} problem(s); nothing was loaded.",
        problems=[
            Problem(message, file=file, line=line, code="official-figures")
            for line, message in problems
        ],
    )


def store(session: Session, rows: list[OfficialRow], *, now: datetime) -> ImportResult:
    """Add or correct the counts (the caller commits)."""
    existing = {
        (f.source, f.indicator, f.region, f.year): f for f in session.exec(select(OfficialFigure))
    }
    added = changed = 0
    for row in rows:
        known = existing.get((row.source, row.indicator, row.region, row.year))
        if known is None:
            session.add(OfficialFigure(**row.__dict__, imported_at=now))
            added += 1
        elif known.value != row.value:
            known.value, known.imported_at = row.value, now
            session.add(known)
            changed += 1
    return ImportResult(added, changed, len(rows) - added - changed)


def import_file(session: Session, path: Path, *, now: datetime) -> ImportResult:
    """Check and store one CSV file (the caller commits)."""
    return store(session, parse(path.read_text(encoding="utf-8"), file=str(path)), now=now)


def import_shipped(session: Session, *, now: datetime) -> ImportResult:
    """The figures the project ships (data/official/*.csv); loading them again changes
    nothing."""
    results = [import_file(session, p, now=now) for p in sorted(SHIPPED.glob("*.csv"))]
    return ImportResult(
        sum(r.added for r in results),
        sum(r.changed for r in results),
        sum(r.unchanged for r in results),
    )


Series = dict[str, dict[str, dict[int, int]]]  # source -> region -> year -> value


def series(session: Session, indicator: str) -> Series:
    """Every published count of an indicator, by source, region and year."""
    found: Series = defaultdict(lambda: defaultdict(dict))
    for f in session.exec(
        select(OfficialFigure).where(col(OfficialFigure.indicator) == indicator)
    ).all():
        found[f.source][f.region][f.year] = f.value
    return {source: dict(regions) for source, regions in sorted(found.items())}
