"""The Kyrgyz working-day calendar: weekends and public holidays, in Bishkek time.

Public holidays come from the `holidays` package (country `KG`); a government decree
can add a one-off day off or move a working day onto a weekend, so settings add
extra holidays and extra working days (`NRM_CALENDAR_EXTRA_HOLIDAYS`,
`NRM_CALENDAR_EXTRA_WORKING_DAYS`: ISO dates separated by commas).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays

from engine.params import Unit

BISHKEK = ZoneInfo("Asia/Bishkek")
COUNTRY = "KG"
SATURDAY = 5

_YEARS: dict[int, frozenset[date]] = {}
_YEARS_LOCK = threading.Lock()  # the holidays package fills its dict lazily: not thread-safe


def public_holidays(year: int) -> frozenset[date]:
    """Kyrgyz public holidays of a year (from the `holidays` package, read once a year)."""
    found = _YEARS.get(year)
    if found is None:
        with _YEARS_LOCK:
            found = frozenset(holidays.country_holidays(COUNTRY, years=year).keys())
            _YEARS[year] = found
    return found


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days, and deadlines counted in them (local time: Bishkek)."""

    extra_holidays: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()

    def warm(self, moment: datetime) -> None:
        """Read the holidays of the years around a moment now: the package's first read is slow
        (it loads its tables), too slow to happen inside diagram code's CPU budget."""
        for year in range(moment.year - 1, moment.year + 3):
            public_holidays(year)

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday and no public holiday, unless a decree says otherwise."""
        if day in self.extra_working_days:
            return True
        if day in self.extra_holidays or day.weekday() >= SATURDAY:
            return False
        return day not in public_holidays(day.year)

    def add_working_days(self, start: datetime, count: int) -> datetime:
        """`start` moved forward by `count` working days, at the same Bishkek time of day."""
        local = _aware(start).astimezone(BISHKEK)
        remaining = int(count)
        while remaining > 0:
            local += timedelta(days=1)
            if self.is_working_day(local.date()):
                remaining -= 1
        return local.astimezone(UTC)

    def next_working_moment(self, moment: datetime) -> datetime:
        """The moment itself on a working day, else the same time on the next working day."""
        local = _aware(moment).astimezone(BISHKEK)
        while not self.is_working_day(local.date()):
            local += timedelta(days=1)
        return local.astimezone(UTC)

    def due(self, start: datetime, amount: int | float, unit: Unit) -> datetime:
        """A deadline `amount` units after `start`. Calendar days that end on a day off move
        to the next working day; hours never move (an emergency does not wait for Monday)."""
        if unit == Unit.HOURS:
            return _aware(start) + timedelta(hours=amount)
        if unit == Unit.DAYS:
            return self.next_working_moment(_aware(start) + timedelta(days=amount))
        return self.add_working_days(start, int(amount))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _dates(raw: str | None, variable: str) -> frozenset[date]:
    """ISO dates separated by commas or spaces; a bad one is named."""
    found: set[date] = set()
    for part in (raw or "").replace(",", " ").split():
        try:
            found.add(date.fromisoformat(part))
        except ValueError as exc:
            raise ValueError(f"{variable}: {part!r} is not an ISO date (YYYY-MM-DD)") from exc
    return frozenset(found)


def load_calendar(environ: Mapping[str, str]) -> WorkCalendar:
    """The calendar with the decree days the settings add."""
    return WorkCalendar(
        extra_holidays=_dates(
            environ.get("NRM_CALENDAR_EXTRA_HOLIDAYS"), "NRM_CALENDAR_EXTRA_HOLIDAYS"
        ),
        extra_working_days=_dates(
            environ.get("NRM_CALENDAR_EXTRA_WORKING_DAYS"), "NRM_CALENDAR_EXTRA_WORKING_DAYS"
        ),
    )


def calendar_of(days_off: Iterable[str] = (), working: Iterable[str] = ()) -> WorkCalendar:
    """A calendar with decree days given as ISO dates (tests, scenarios)."""
    return WorkCalendar(
        frozenset(date.fromisoformat(d) for d in days_off),
        frozenset(date.fromisoformat(d) for d in working),
    )


DEFAULT_CALENDAR = WorkCalendar()
