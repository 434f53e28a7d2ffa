"""Official figures: published counts loaded from CSV as printed (engine/official.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine as Database
from sqlmodel import Session

from engine import official
from engine.errors import InvalidOfficialFiguresError

NOW = datetime(2026, 12, 6, tzinfo=UTC)
TABLE_1 = official.SHIPPED / "registered_crimes_2009_2020.csv"


def test_the_shipped_table_1_is_read_as_printed() -> None:
    rows = official.parse(TABLE_1.read_text(encoding="utf-8"), file="t.csv")
    assert len(rows) == 10 * 12  # nine regions and the national row, 2009-2020
    assert {r.source for r in rows} == {"National Statistical Committee"}
    by = {(r.region, r.year): r.value for r in rows}
    national = [by["national", y] for y in range(2009, 2021)]
    assert national == [6, 13, 9, 6, 10, 19, 9, 7, 2, 8, 11, 8]
    assert by["bishkek_city", 2020] == 6 and by["talas", 2015] == 0  # a printed dash
    regions_2012 = sum(v for (r, y), v in by.items() if y == 2012 and r != "national")
    assert (regions_2012, by["national", 2012]) == (5, 6)  # as printed: not corrected


def test_loading_again_changes_nothing_and_a_correction_replaces_the_value(db: Database) -> None:
    with Session(db) as session:
        first = official.import_shipped(session, now=NOW)
        session.commit()
        assert (first.added, first.changed, first.unchanged) == (120, 0, 0)
        again = official.import_shipped(session, now=NOW)
        session.commit()
        assert (again.added, again.changed, again.unchanged) == (0, 0, 120)
        fixed = official.store(
            session,
            [
                official.OfficialRow(
                    "National Statistical Committee", "registered_crimes", "national", 2012, 5
                )
            ],  # fmt: skip
            now=NOW,
        )
        session.commit()
        assert (fixed.added, fixed.changed) == (0, 1)
        series = official.series(session, "registered_crimes")
    assert series["National Statistical Committee"]["national"][2012] == 5
    assert series["National Statistical Committee"]["chui"][2013] == 4


def test_a_bad_file_names_every_problem_with_its_line_and_loads_nothing(tmp_path: Path) -> None:
    text = (
        "source,indicator,region,year,value\n"
        "NSC,registered_crimes,chui,2020,3\n"
        "NSC,Registered Crimes,chui,2020,3\n"
        "NSC,registered_crimes,chui,20x0,3\n"
        "NSC,registered_crimes,chui,2021,three\n"
        "NSC,registered_crimes,chui,2020,4\n"
        "NSC,registered_crimes,chui\n"
    )
    with pytest.raises(InvalidOfficialFiguresError) as raised:
        official.parse(text, file="bad.csv")
    problems = [(p.line, p.message) for p in raised.value.problems]
    assert [line for line, _ in problems] == [3, 4, 5, 6, 7]
    assert "indicator" in problems[0][1] and "year" in problems[1][1]
    assert "value" in problems[2][1] and "again (first on line 2)" in problems[3][1]
    assert "Expected 5 values" in problems[4][1]
    with pytest.raises(InvalidOfficialFiguresError) as header:
        official.parse("region,year\nchui,2020\n", file="h.csv")
    assert header.value.problems[0].line == 1
