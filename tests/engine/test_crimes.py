"""Table 1 from the register (engine/crimes.py): the published table as printed, and the
system's own count of distinct register numbers by region and year of registration."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import text
from sqlmodel import Session

from engine import official
from engine.facade import Engine
from tests.conftest import SIMPLE

NOW = datetime(2026, 12, 6, tzinfo=UTC)


def _crime(engine: Engine, **facts: str) -> str:
    case = engine.start_case("simple", {"pseudonym": "P"}, agency="police", actor="police").case
    with engine.db.begin() as conn:
        for name, value in facts.items():
            conn.execute(
                text("INSERT INTO case_fact (case_id, name, value, at) VALUES (:c, :n, :v, :t)"),
                {"c": case.id, "n": name, "v": value, "t": NOW.replace(tzinfo=None)},
            )
    return case.id


def test_table_1_as_published_every_cell_and_the_2012_difference(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = make_test_engine(*SIMPLE)
    with Session(engine.db) as session:
        official.import_shipped(session, now=NOW)
        session.commit()
    rows = official.parse(
        (official.SHIPPED / "registered_crimes_2009_2020.csv").read_text("utf-8"), file="t"
    )
    table = engine.registered_crimes()
    (published,) = table["official"]
    assert published["source"] == "National Statistical Committee"
    for row in rows:
        grid = (
            published["national"]
            if row.region == "national"
            else published["by_region"][row.region]
        )
        assert grid[str(row.year)] == row.value, row
    assert published["sum_of_regions"]["2012"] == 5 and published["national"]["2012"] == 6
    assert published["differences"] == {"2012": 1}  # shown, not corrected
    assert table["years"][0] == "2009" and table["regions"][0] == "batken"


def test_the_system_counts_distinct_register_numbers_by_region_and_year(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = make_test_engine(*SIMPLE)
    number, date, region = "crime_register_number", "crime_registration_date", "region"
    # Two victims of one crime: counted once, where and when it was first registered.
    _crime(engine, **{number: "R-1", date: "2026-02-03", region: "chui"})
    _crime(engine, **{number: "R-1", date: "2026-03-01", region: "naryn"})
    _crime(engine, **{number: "R-2", date: "2025-12-30", region: "chui",
                      "crime_registration_region": "osh_city"})  # fmt: skip
    _crime(engine, **{number: "R-3", region: "talas"})  # no date: cannot be placed in a year
    _crime(engine, **{number: "R-4", date: "2026-05-05"})  # no region
    system = engine.registered_crimes()["system"]
    assert system["national"] == {"2025": 1, "2026": 2}
    assert system["by_region"]["chui"] == {"2026": 1}
    assert system["by_region"]["osh_city"] == {"2025": 1}
    assert system["by_region"]["naryn"] == {}
    assert system["unknown_region"] == {"2026": 1}
    assert system["without_date"] == 1
    assert system["from_year"] == "2025"  # the year of the first case or registration
