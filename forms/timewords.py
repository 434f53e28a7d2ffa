"""Durations in words for people: "due in 3 hours", "overdue by 2 days", "waiting 5 minutes"."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from forms.translate import Translator

HOUR = timedelta(hours=1)
TWO_DAYS = timedelta(days=2)
# Kyrgyzstan keeps UTC+6 all year (no daylight saving since 2005).
BISHKEK = timezone(timedelta(hours=6))


def span(delta: timedelta) -> tuple[str, int]:
    """The unit that reads best for a duration (minutes, hours, days) and the count in it."""
    delta = abs(delta)
    if delta < HOUR:
        return "minutes", max(1, int(delta.total_seconds() // 60))
    if delta < TWO_DAYS:
        return "hours", int(delta.total_seconds() // 3600)
    return "days", delta.days


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


def moment(value: datetime | None) -> str:
    """A date and time as people in Kyrgyzstan read it (local time, to the minute)."""
    return value.astimezone(BISHKEK).strftime("%d.%m.%Y %H:%M") if value is not None else ""
