"""The Kyrgyz working-day calendar: weekends, public holidays, decree days, Bishkek time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from engine.config import load_settings
from engine.params import Unit
from engine.spiff.clock import FakeClock
from engine.spiff.script_engine import diagram_helpers
from engine.workdays import DEFAULT_CALENDAR, calendar_of, load_calendar

KG = DEFAULT_CALENDAR


def utc(*args: int) -> datetime:
    """A UTC moment."""
    return datetime(*args, tzinfo=UTC)


def test_nooruz_and_the_weekend_are_not_working_days() -> None:
    assert not KG.is_working_day(date(2025, 3, 21))  # Nooruz, a Friday
    assert not KG.is_working_day(date(2025, 3, 22))  # Saturday
    assert KG.is_working_day(date(2025, 3, 20)) and KG.is_working_day(date(2025, 3, 24))


def test_five_working_days_from_the_monday_before_nooruz_end_on_tuesday() -> None:
    # 18, 19, 20 March; 21 (Nooruz) and the weekend skipped; 24, 25 March.
    assert KG.add_working_days(utc(2025, 3, 17, 9), 5) == utc(2025, 3, 25, 9)


def test_working_days_across_independence_day() -> None:
    # Monday 31 August 2026 is Independence Day: Friday 28 August + 1 working day = 1 September.
    assert KG.add_working_days(utc(2026, 8, 28, 6), 1) == utc(2026, 9, 1, 6)


def test_working_days_across_the_year_end_skip_the_new_year_holidays() -> None:
    # 2026: 1-7 January are holidays (New Year and Orthodox Christmas); Thursday 8 is the first
    # working day after Wednesday 31 December 2025.
    assert KG.add_working_days(utc(2025, 12, 31, 5), 1) == utc(2026, 1, 8, 5)


def test_days_count_in_bishkek_time_not_utc() -> None:
    # 20:00 UTC on Thursday 20 March 2025 is already 02:00 on Friday 21 March (Nooruz) in
    # Bishkek: one working day later is Monday 24 March, 02:00 Bishkek — still Sunday in UTC.
    assert KG.add_working_days(utc(2025, 3, 20, 20), 1) == utc(2025, 3, 23, 20)


def test_a_calendar_day_deadline_on_a_holiday_moves_to_the_next_working_day() -> None:
    # Ten days after 11 March 2025 is Nooruz (Friday 21 March): due on Monday 24 March.
    assert KG.due(utc(2025, 3, 11, 9), 10, Unit.DAYS) == utc(2025, 3, 24, 9)
    assert KG.due(utc(2025, 3, 10, 9), 10, Unit.DAYS) == utc(2025, 3, 20, 9)


def test_an_hours_deadline_never_moves() -> None:
    assert KG.due(utc(2025, 3, 20, 9), 24, Unit.HOURS) == utc(2025, 3, 21, 9)


def test_decree_days_override_the_calendar() -> None:
    decree = calendar_of(days_off=["2025-03-24"], working=["2025-03-22"])
    assert not decree.is_working_day(date(2025, 3, 24))
    assert decree.is_working_day(date(2025, 3, 22))  # a Saturday worked in exchange
    assert decree.add_working_days(utc(2025, 3, 20, 9), 2) == utc(2025, 3, 25, 9)


def test_settings_read_decree_days_and_name_a_bad_one() -> None:
    calendar = load_calendar(
        {
            "NRM_CALENDAR_EXTRA_HOLIDAYS": "2025-03-24, 2025-11-10",
            "NRM_CALENDAR_EXTRA_WORKING_DAYS": "2025-03-22",
        }
    )
    assert calendar.extra_holidays == {date(2025, 3, 24), date(2025, 11, 10)}
    assert calendar.extra_working_days == {date(2025, 3, 22)}
    assert load_settings({"NRM_CALENDAR_EXTRA_HOLIDAYS": "2025-03-24"}).calendar == calendar_of(
        days_off=["2025-03-24"]
    )
    with pytest.raises(ValueError, match="NRM_CALENDAR_EXTRA_HOLIDAYS: '24.03.2025'"):
        load_calendar({"NRM_CALENDAR_EXTRA_HOLIDAYS": "24.03.2025"})


def test_diagram_helpers_count_working_days_on_the_calendar() -> None:
    helpers = diagram_helpers(FakeClock(utc(2025, 3, 17, 9)), {})
    assert helpers["working_days"](5) == "2025-03-25T09:00:00+00:00"
    # from a date-time, at its time of day; from a date, by the end of the day in Bishkek
    assert helpers["working_days_after"]("2025-03-20T09:00:00+00:00", 1) == (
        "2025-03-24T09:00:00+00:00"
    )
    assert helpers["working_days_after"]("2025-03-20", 1) == "2025-03-24T17:59:59+00:00"
