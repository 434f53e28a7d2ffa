"""Monitoring figures for the national rapporteur (brief §6): aggregates only.

Counts come from the case and task tables and from the case facts that steps keep
(engine/facts.py). Small counts are withheld so that no person can be singled out: a count
from 1 to `SMALL - 1` is given as None, and when a breakdown would withhold only one cell,
the next smallest cell is withheld with it (else the total would give the withheld one
away). Durations are given only over at least `SMALL` cases.
"""

from __future__ import annotations

import statistics as stats
from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, true
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from engine.facts import MILESTONE, UNKNOWN
from engine.models import Case, CaseFact, HumanTask, TaskStatus

SMALL = 5
RULE = (
    f"Counts from 1 to {SMALL - 1} are withheld (null); when a breakdown would withhold only "
    "one count, the next smallest is withheld too. Durations need at least "
    f"{SMALL} cases."
)


def withhold(counts: Mapping[str, int]) -> dict[str, int | None]:
    """The counts with small ones withheld (see the module's rule)."""
    shown: dict[str, int | None] = {k: (None if 0 < v < SMALL else v) for k, v in counts.items()}
    hidden = [k for k, v in shown.items() if v is None]
    if len(hidden) == 1:
        rest = sorted((v, k) for k, v in shown.items() if v)
        if rest:
            shown[rest[0][1]] = None
    return dict(sorted(shown.items()))


def _count(value: int) -> int | None:
    return None if 0 < value < SMALL else value


def _days(pairs: list[tuple[datetime, datetime]]) -> dict[str, Any]:
    days = sorted(max((end - start).total_seconds(), 0) / 86400 for start, end in pairs)
    if len(days) < SMALL:
        return {"cases": _count(len(days)), "median_days": None, "p90_days": None}
    p90 = days[min(len(days) - 1, int(0.9 * len(days)))]
    return {
        "cases": len(days),
        "median_days": round(stats.median(days), 1),
        "p90_days": round(p90, 1),
    }


def _aware(moment: Any) -> datetime:
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def figures(session: Session, *, year: int | None, now: datetime) -> dict[str, Any]:
    """Every monitoring figure, for one year of reports (by the case's start) or all."""
    in_year = (
        and_(
            col(Case.created_at) >= datetime(year, 1, 1, tzinfo=UTC),
            col(Case.created_at) < datetime(year + 1, 1, 1, tzinfo=UTC),
        )
        if year is not None
        else true()
    )
    rows = session.execute(
        sa_select(
            col(Case.id),
            col(Case.created_at),
            col(Case.status),
            col(Case.outcome),
            col(Case.reporting_agency),
        ).where(in_year)
    ).all()
    created = {row[0]: _aware(row[1]) for row in rows}
    cases = [(row[0], created[row[0]].year, row[2], row[3], row[4]) for row in rows]
    facts: dict[str, dict[str, Any]] = defaultdict(dict)  # fact name -> case id -> value
    for case_id, name, value, at in session.exec(
        select(CaseFact.case_id, CaseFact.name, CaseFact.value, CaseFact.at)
        .join(Case, col(Case.id) == col(CaseFact.case_id))
        .where(in_year)
    ):
        facts[name][case_id] = at if name.startswith(MILESTONE) else value
    return {
        "year": year,
        "generated_at": now.isoformat(),
        "rule": RULE,
        "cases": _case_counts(cases),
        "by_fact": {
            name: withhold(Counter(values.get(c[0], UNKNOWN) for c in cases))
            for name, values in sorted(facts.items())
            if not name.startswith(MILESTONE)
        },
        "by_year_and_region": {
            str(y): withhold(
                Counter(facts["region"].get(c[0], UNKNOWN) for c in cases if c[1] == y)
            )
            for y in sorted({c[1] for c in cases})
        },
        "time_to_milestone": {
            name[len(MILESTONE) :]: _days(
                [(created[c], _aware(at)) for c, at in values.items() if c in created]
            )
            for name, values in sorted(facts.items())
            if name.startswith(MILESTONE)
        },
        "overdue_tasks_by_agency": _overdue(session, in_year, now),
    }


def _case_counts(cases: list[tuple[str, int, str, str | None, str]]) -> dict[str, Any]:
    return {
        "total": _count(len(cases)),
        "by_year": withhold(Counter(str(c[1]) for c in cases)),
        "by_status": withhold(Counter(c[2] for c in cases)),
        "by_outcome": withhold(Counter(c[3] or UNKNOWN for c in cases if c[2] != "open")),
        "by_reporting_agency": withhold(Counter(c[4] for c in cases)),
    }


def _overdue(session: Session, in_year: Any, now: datetime) -> dict[str, int | None]:
    rows = session.exec(
        select(HumanTask.agency, func.count())
        .join(Case, col(Case.id) == col(HumanTask.case_id))
        .where(
            in_year,
            col(HumanTask.status) == TaskStatus.READY,
            col(HumanTask.due_at) < now,
        )
        .group_by(HumanTask.agency)
    ).all()
    return withhold({agency or UNKNOWN: count for agency, count in rows})
