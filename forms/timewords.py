"""Durations in words for people ("due in 3 hours", "overdue by 2 days", "waiting 5 minutes"),
and dates and moments as the page's language writes them (CLDR patterns from babel)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any

from babel.dates import format_date, format_time, get_datetime_format

from forms.translate import DEFAULT_LANGUAGE, Translator

HOUR = timedelta(hours=1)
# From a day and a half on, a duration reads in days: "через 47 часов" made people count
# (pages review 3, P3-24); the date and time beside a deadline stay exact.
IN_DAYS = timedelta(hours=36)
# Kyrgyzstan keeps UTC+6 all year (no daylight saving since 2005).
BISHKEK = timezone(timedelta(hours=6))


def span(delta: timedelta) -> tuple[str, int]:
    """The unit that reads best for a duration (minutes, hours, days) and the count in it."""
    delta = abs(delta)
    if delta < HOUR:
        return "minutes", max(1, int(delta.total_seconds() // 60))
    if delta < IN_DAYS:
        return "hours", int(delta.total_seconds() // 3600)
    return "days", int(delta.total_seconds() / 86400 + 0.5)


def deadline(t: Translator, due_at: datetime | None, now: datetime) -> str:
    """The deadline in words, from now."""
    if due_at is None:
        return t("time.no_deadline")
    unit, n = span(due_at - now)
    return t(f"time.due_in.{unit}", n=n) if due_at >= now else t(f"time.overdue_by.{unit}", n=n)


def waited(t: Translator, since: datetime, now: datetime) -> str:
    """How long something has waited, in words."""
    unit, n = span(now - since)
    return t(f"time.waited.{unit}", n=n)


# A date as forms keep it (an ISO date input's value).
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?")


def day(value: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date in the language's own medium pattern, the month in words ("7 дек. 2026 г.",
    "2026-ж., 7-дек.", "Dec 7, 2026"): day and month cannot be taken for each other."""
    return format_date(value, "medium", locale=lang)


def moment(value: datetime | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date and time in Kyrgyzstan's local time, to the minute, in the language's pattern."""
    if value is None:
        return ""
    local = value.astimezone(BISHKEK)
    pattern = str(get_datetime_format("medium", locale=lang))
    return pattern.replace("{1}", day(local.date(), lang)).replace(
        "{0}", format_time(local.time(), "short", locale=lang)
    )


def date_text(value: Any, lang: str = DEFAULT_LANGUAGE, naive: tzinfo = BISHKEK) -> str | None:
    """A stored date (ISO "2026-12-07") or moment (ISO with a time; without an offset, in
    `naive`'s time) in the language's pattern; None when the value is neither."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return None
    try:
        if len(value) == 10:
            return day(date.fromisoformat(value), lang)
        moment_value = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment_value.tzinfo is None:
        moment_value = moment_value.replace(tzinfo=naive)
    return moment(moment_value, lang)


def stamp(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """A moment the machine wrote as ISO text (UTC when it names no offset), in words."""
    return date_text(value, lang, naive=UTC) or str(value or "")
