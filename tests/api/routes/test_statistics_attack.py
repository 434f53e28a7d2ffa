"""The differencing attack on GET /statistics: a rapporteur reads every year filter and the
all-years figures, subtracts every pair of them (and totals from their parts), and sets up
every published number as an equation: no withheld count of people comes back."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from engine.disclosure import ALL, TOTAL
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.api.conftest import Actor
from tests.attack import Published, disclosed
from tests.forms.conftest import REPORT

YEARS = (2024, 2025, 2026)


@pytest.fixture
def api_engine(project_api_engine: Engine) -> Engine:
    """The project's library: the report form marks region, sex, age and more."""
    return project_api_engine


def _population(engine: Engine, clock: FakeClock) -> None:
    """Cases over three years with many small counts (the attack's raw material)."""
    pick = random.Random(19)
    for year, cases in zip(YEARS, (9, 23, 14), strict=True):
        clock.set(datetime(year, 3, 1, 9, tzinfo=UTC))
        for i in range(cases):
            data = {
                **REPORT,
                "pseudonym": f"P{year}-{i}",
                "detection_date": f"{year}-02-20",  # not after the day it is reported
                "region": pick.choice(["chui", "chui", "chui", "naryn", "osh_city", "talas"]),
                "sex": pick.choice(["female", "female", "male", "other"]),
                "age": pick.choice([9, 15, 16, 30, 41, None]),
                "exploitation_type": pick.choice(["labour", "labour", "sexual", "forced_begging"]),
                "citizenship": pick.choice(["KG", "KG", "KG", "UZ"]),
            }
            agency = pick.choice(["ngo", "ngo", "police", "iom", "border"])
            engine.start_case("nrm_case", data, agency=agency, actor=agency)


def _read(rapporteur: Actor) -> dict[str, dict[str, Any]]:
    found = {ALL: rapporteur.get("/statistics").json()}
    for year in YEARS:
        found[str(year)] = rapporteur.get("/statistics", params={"year": year}).json()
    return found


def _one_axis(
    name: str,
    rows: dict[str, dict[str, Any]],
    get: Callable[[Any], Any],
    total: Callable[[Any], Any] = lambda f: f["cases"]["total"],
) -> Published:
    axis = list(get(rows[ALL]))
    cells: dict[tuple[str, ...], int | None] = {}
    for key, figures in rows.items():
        values = get(figures)
        for value in axis:
            cells[(key, value)] = values[value]
        cells[(key, TOTAL)] = total(figures)
    return Published(name, [str(y) for y in YEARS], [axis], cells)


def _step_tables(rows: dict[str, dict[str, Any]]) -> list[Published]:
    """Each step of the funnel and each indicator, by region and by reporting agency."""
    steps = [*rows[ALL]["funnel"][:-1], *rows[ALL]["indicators"]]

    def part_of(i: int, part: str) -> Published:
        def pick(figures: Any) -> Any:
            return [*figures["funnel"][:-1], *figures["indicators"]][i]

        name = f"{steps[i]['name']}:{part}"
        return _one_axis(name, rows, lambda f: pick(f)[part], lambda f: pick(f)["total"])

    return [part_of(i, p) for i in range(len(steps)) for p in ("by_region", "by_reporting_agency")]


def _sex_by_age(rows: dict[str, dict[str, Any]]) -> Published:
    people = rows[ALL]["people"]
    sexes, ages = list(people["sex_by_age"]), list(people["by_age"])
    cells: dict[tuple[str, ...], int | None] = {}
    for key, figures in rows.items():
        table = figures["people"]
        for s in sexes:
            for a in [*ages, TOTAL]:
                cells[(key, s, a)] = table["sex_by_age"][s][a]
        for a in ages:
            cells[(key, TOTAL, a)] = table["by_age"][a]
        cells[(key, TOTAL, TOTAL)] = figures["cases"]["total"]
    return Published("people", [str(y) for y in YEARS], [sexes, ages], cells)


def _tables(rows: dict[str, dict[str, Any]]) -> list[Published]:
    tables = [
        _one_axis("agency", rows, lambda f: f["cases"]["by_reporting_agency"]),
        _one_axis("outcome", rows, lambda f: f["cases"]["by_outcome"]),
        _one_axis("citizenship", rows, lambda f: f["people"]["citizenship"]),
        _sex_by_age(rows),
    ]
    facts = [n for n in rows[ALL]["by_fact"] if n != "sex"]  # sex: a margin of sex by age
    tables.extend(_one_axis(f"fact:{n}", rows, lambda f, n=n: f["by_fact"][n]) for n in facts)
    return tables


def test_no_pair_of_filters_and_no_combination_recovers_a_withheld_count(
    as_user: Callable[[str], Actor], api_engine: Engine, clock: FakeClock
) -> None:
    _population(api_engine, clock)
    rows = _read(as_user("rapporteur"))
    tables = _tables(rows)
    withheld = [c for t in tables for c, v in t.cells.items() if v is None]
    assert len(withheld) > 20  # the population has small counts to hide
    # Pairs: any two filters (or a total and its parts) leave a withheld count alone in a
    # line only if one subtraction recovers it.
    for table in tables:
        lines: dict[tuple[Any, ...], list[int | None]] = {}
        for cell, value in table.cells.items():
            for i in range(len(cell)):
                lines.setdefault((i, cell[:i] + cell[i + 1 :]), []).append(value)
        for line, values in lines.items():
            assert values.count(None) != 1, (table.name, line)
    # Every combination: the published numbers as equations, tables linked by their totals.
    first = (tables[0].name, (TOTAL,))
    shared = [(first, (t.name, (TOTAL,) * len(t.axes))) for t in tables[1:]]
    assert disclosed(tables, shared) == []
