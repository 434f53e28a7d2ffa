"""Table 1 from the register: trafficking crimes registered, by region and year.

The article's Table 1 (National Statistical Committee, 2009-2020) counts crimes registered
in the unified register. The system counts the same thing from its own cases: distinct
`crime_register_number`s, in the year of their `crime_registration_date` and their
`crime_registration_region` (else the case's region). One crime with several victims is one
register number, counted once (at its earliest registration). Registered crimes and
published figures are public: nothing is withheld.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from engine.facts import UNKNOWN
from engine.official import NATIONAL, Series
from engine.statcube import CRIME_FIELDS, Cube

# The rows of Table 1, in its order: seven regions, then the cities of Bishkek and Osh.
REGIONS = (
    "batken",
    "jalal_abad",
    "issyk_kul",
    "naryn",
    "osh_region",
    "talas",
    "chui",
    "bishkek_city",
    "osh_city",
)
_DATE = re.compile(r"^(\d{4})-\d{2}-\d{2}")
Grid = dict[str, dict[str, int]]  # region -> year -> count


def _crimes(cube: Cube) -> tuple[dict[str, tuple[str, str]], int]:
    """Each register number's (date, region) at its earliest registration; how many numbers
    have no readable date."""
    by_case: dict[str, dict[str, str]] = defaultdict(dict)
    for case_id, name, value in cube.crimes:
        by_case[case_id][name] = value
    earliest: dict[str, tuple[str, str]] = {}
    undated: set[str] = set()
    number_f, date_f, region_f = CRIME_FIELDS
    for facts in by_case.values():
        number = facts.get(number_f, "").strip()
        if not number:
            continue
        date = facts.get(date_f, "")
        region = facts.get(region_f) or facts.get("region") or UNKNOWN
        if not _DATE.match(date):
            undated.add(number)
        elif number not in earliest or date < earliest[number][0]:
            earliest[number] = (date, region if region in REGIONS else UNKNOWN)
    return earliest, len(undated - set(earliest))


def registered_crimes(cube: Cube, official: Series) -> dict[str, Any]:
    """Table 1 as published and as the system counts it, side by side (all counts public)."""
    earliest, undated = _crimes(cube)
    system: Grid = {r: {} for r in (*REGIONS, UNKNOWN)}
    national: dict[str, int] = defaultdict(int)
    for date, region in earliest.values():
        year = date[:4]
        system[region][year] = system[region].get(year, 0) + 1
        national[year] += 1
    starts = [*cube.years, *national]
    from_year = min(starts) if starts else None
    published = [_published(source, regions) for source, regions in official.items()]
    years = sorted(
        {y for p in published for y in p["national"]}
        | set(national)
        | set(cube.years)
        | {y for p in published for row in p["by_region"].values() for y in row}
    )
    if years:
        years = [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    return {
        "regions": list(REGIONS),
        "years": years,
        "official": published,
        "system": {
            "from_year": from_year,
            "by_region": {r: system[r] for r in REGIONS},
            "unknown_region": system[UNKNOWN],
            "national": dict(national),
            "without_date": undated,
        },
    }


def _published(source: str, regions: dict[str, dict[int, int]]) -> dict[str, Any]:
    """One source's table as printed, with the sum of its regions and where it differs."""
    by_region = {r: {str(y): v for y, v in regions.get(r, {}).items()} for r in REGIONS}
    national = {str(y): v for y, v in regions.get(NATIONAL, {}).items()}
    sums: dict[str, int] = defaultdict(int)
    for row in by_region.values():
        for year, value in row.items():
            sums[year] += value
    return {
        "source": source,
        "by_region": by_region,
        "national": national,
        "sum_of_regions": dict(sums),
        "differences": {
            y: national[y] - sums.get(y, 0) for y in national if national[y] != sums.get(y, 0)
        },
    }
