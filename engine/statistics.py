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

from sqlalchemy import and_, exists, extract, func, true
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


def _days(values: list[float]) -> dict[str, Any]:
    days = sorted(max(v, 0.0) for v in values)
    if len(days) < SMALL:
        return {"cases": _count(len(days)), "median_days": None, "p90_days": None}
    p90 = days[min(len(days) - 1, int(0.9 * len(days)))]
    return {
        "cases": len(days),
        "median_days": round(stats.median(days), 1),
        "p90_days": round(p90, 1),
    }


def figures(session: Session, *, year: int | None, now: datetime) -> dict[str, Any]:
    """Every monitoring figure, for one year of reports (by the case's start) or all.

    Counting is done by the database (GROUP BY); only the milestone durations are read
    case by case, two columns each."""
    in_year = (
        and_(
            col(Case.created_at) >= datetime(year, 1, 1, tzinfo=UTC),
            col(Case.created_at) < datetime(year + 1, 1, 1, tzinfo=UTC),
        )
        if year is not None
        else true()
    )
    case_year = extract("year", col(Case.created_at))
    groups = session.execute(
        sa_select(
            case_year, col(Case.status), col(Case.outcome), col(Case.reporting_agency), func.count()
        )
        .where(in_year)
        .group_by(case_year, col(Case.status), col(Case.outcome), col(Case.reporting_agency))
    ).all()
    per_year: Counter[str] = Counter()
    for y, _status, _outcome, _agency, n in groups:
        per_year[str(int(y))] += n
    values: dict[str, Counter[str]] = defaultdict(Counter)  # fact name -> value -> cases
    by_value = sa_select(col(CaseFact.name), col(CaseFact.value), func.count()).where(
        col(CaseFact.name).not_like(MILESTONE + "%")
    )
    of_year = col(CaseFact.case_id).in_(sa_select(col(Case.id)).where(in_year))
    if year is not None:  # (all years: the (name, value) index alone answers)
        by_value = by_value.where(of_year)
    for name, value, n in session.execute(
        by_value.group_by(col(CaseFact.name), col(CaseFact.value))
    ):
        values[name][value] += n
    regions: dict[str, Counter[str]] = defaultdict(Counter)  # year -> region -> cases
    for y, value, n in session.execute(
        sa_select(case_year, col(CaseFact.value), func.count())
        .join(Case, col(Case.id) == col(CaseFact.case_id))
        .where(of_year if year is not None else true(), col(CaseFact.name) == "region")
        .group_by(case_year, col(CaseFact.value))
    ):
        regions[str(int(y))][value] += n
    total = sum(per_year.values())
    for counts in values.values():  # cases without the fact
        counts[UNKNOWN] += total - sum(counts.values())
    for y, cases in per_year.items():
        regions[y][UNKNOWN] += cases - sum(regions[y].values())
    every_year = session.execute(sa_select(case_year).distinct()).scalars().all()
    return {
        "year": year,
        "years": sorted(int(y) for y in every_year),
        "generated_at": now.isoformat(),
        "rule": RULE,
        "cases": _case_counts(groups, per_year),
        "by_fact": {name: withhold(+counts) for name, counts in sorted(values.items())},
        "by_year_and_region": {y: withhold(+regions[y]) for y in sorted(per_year)},
        "time_to_milestone": _milestones(session, in_year),
        "overdue_tasks_by_agency": _overdue(session, in_year, now),
        "cases_without_facts": _count(_without_facts(session, in_year)),
    }


def _case_counts(groups: Any, per_year: Counter[str]) -> dict[str, Any]:
    status: Counter[str] = Counter()
    outcome: Counter[str] = Counter()
    agency: Counter[str] = Counter()
    for _y, state, result, reporter, n in groups:
        status[state] += n
        agency[reporter] += n
        if state != "open":
            outcome[result or UNKNOWN] += n
    return {
        "total": _count(sum(per_year.values())),
        "by_year": withhold(per_year),
        "by_status": withhold(status),
        "by_outcome": withhold(outcome),
        "by_reporting_agency": withhold(agency),
    }


def _milestones(session: Session, in_year: Any) -> dict[str, dict[str, Any]]:
    at, created = col(CaseFact.at), col(Case.created_at)
    if session.get_bind().dialect.name == "postgresql":
        days: Any = extract("epoch", at - created) / 86400
    else:
        days = func.julianday(at) - func.julianday(created)
    found: dict[str, list[float]] = defaultdict(list)
    for name, value in session.execute(
        sa_select(col(CaseFact.name), days)
        .join(Case, col(Case.id) == col(CaseFact.case_id))
        .where(in_year, col(CaseFact.name).like(MILESTONE + "%"))
    ):
        found[name[len(MILESTONE) :]].append(float(value))
    return {name: _days(values) for name, values in sorted(found.items())}


def _without_facts(session: Session, in_year: Any) -> int:
    """Cases with no fact at all (started before facts were kept: `nrm statistics
    --rebuild-facts` reads them in)."""
    no_fact = ~exists().where(col(CaseFact.case_id) == col(Case.id))
    query = sa_select(func.count()).select_from(Case).where(in_year, no_fact)
    count = session.execute(query).scalar_one()
    return int(count)


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
