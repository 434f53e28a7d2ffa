"""One pass over the cases and their facts that fills a statistics cube (engine/statcube.py).

Two plain scans — the cases, then the facts in case order — and the counting in Python:
a fact needs its case's year, reporting agency and region (itself a fact), and joining a
million fact rows to them in SQL cost several times what this pass does.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from engine.facts import MILESTONE, UNKNOWN
from engine.models import CaseStatus, TaskStatus
from engine.statcube import CRIME_FIELDS, Cube, marked_fields, outcomes

_NUMBER, _DATE, _REGION = CRIME_FIELDS


def moment(value: Any) -> datetime:
    """A stored date-time (text on SQLite) as an aware UTC datetime."""
    found = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found


def build(session: Session) -> Cube:
    """Every count, read now."""
    cube = Cube(counted_at=time.time())
    conn = session.connection()
    cases: dict[str, tuple[str, str, str, datetime]] = {}
    for case_id, created, agency, status, outcome in _rows(
        conn, "SELECT id, created_at, reporting_agency, status, outcome FROM nrm_case"
    ):
        when = moment(created)
        key = "open" if status == CaseStatus.OPEN else (
            "cancelled" if status == CaseStatus.CANCELLED else outcome or UNKNOWN
        )  # fmt: skip
        cases[case_id] = (str(when.year), agency, key, when)
    facts = _rows(conn, "SELECT case_id, name, value, at FROM case_fact ORDER BY case_id")
    regions = _facts(cube, cases, facts)
    for case_id, (year, agency, key, _when) in cases.items():
        cube.cases[(year, agency, regions.get(case_id, UNKNOWN), key)] += 1
        if case_id not in regions:
            cube.without_facts[year] += 1
            cube.people[(year, UNKNOWN, UNKNOWN)] += 1
    _late(cube, cases, conn)
    cube.fields = marked_fields(session)
    cube.outcomes = outcomes(session)
    return cube


def _rows(conn: Any, sql: str) -> Iterable[Any]:
    """Rows straight from the driver's cursor (a million of them: no per-row wrapping)."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(10_000):
            yield from batch
    finally:
        cursor.close()


def _facts(
    cube: Cube, cases: dict[str, tuple[str, str, str, datetime]], rows: Iterable[Any]
) -> dict[str, str]:
    """Count every fact of every case; returns each case's region (`unknown` without one)."""
    regions: dict[str, str] = {}
    for case_id, group in itertools.groupby(rows, key=lambda r: r[0]):
        facts = list(group)
        year, agency, _key, created = cases[case_id]
        named = {name: value for _c, name, value, _at in facts}
        region = named.get("region", UNKNOWN)
        regions[case_id] = region
        cube.people[(year, named.get("sex", UNKNOWN), named.get("age_group", UNKNOWN))] += 1
        for _c, name, value, at in facts:
            if name.startswith(MILESTONE):
                cube.facts[(year, agency, region, name, "")] += 1
                days = (moment(at) - created).total_seconds() / 86400
                cube.days[(year, name[len(MILESTONE) :], max(round(days * 10), 0))] += 1
            elif name in (_NUMBER, _DATE):
                cube.crimes.append((case_id, name, value))
            else:
                cube.facts[(year, agency, region, name, value)] += 1
                if name in (_REGION, "region") and _NUMBER in named:
                    cube.crimes.append((case_id, name, value))
    return regions


def _late(cube: Cube, cases: dict[str, tuple[str, str, str, datetime]], conn: Any) -> None:
    """Tasks done or cancelled after their deadline, by year of report and agency."""
    rows = conn.execute(
        text(
            "SELECT case_id, agency FROM human_task WHERE due_at IS NOT NULL "
            "AND completed_at IS NOT NULL AND (completed_at > due_at "
            "OR (status = :cancelled AND completed_at >= due_at))"
        ),
        {"cancelled": TaskStatus.CANCELLED.value},
    )
    for case_id, agency in rows:
        cube.late_tasks[(cases[case_id][0], agency or UNKNOWN)] += 1
