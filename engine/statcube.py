"""The counts the rapporteur's figures are made of, read from the database in a few GROUP BY
queries, and kept by each process until the cases change.

Counting 100,000 cases means reading a million facts: seconds, not something to repeat for
every page. The counts depend only on the cases, their facts and tasks, so a process keeps
the last ones with a cheap mark of the data (how many cases, the newest change); a reader
gets them again as long as the mark has not moved (or, with `NRM_STATISTICS_MAX_AGE`, for
that many seconds at most after it moved). Open tasks past their deadline change with the
clock and are counted at every read.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, and_, case, cast, exists, extract, func, literal, or_
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine as Database
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from engine.db import read_session
from engine.facts import MILESTONE, UNKNOWN
from engine.models import (
    Case,
    CaseFact,
    CaseStatus,
    Deployment,
    DeploymentFile,
    HumanTask,
    TaskStatus,
)

CRIME_FIELDS = ("crime_register_number", "crime_registration_date", "crime_registration_region")


@dataclass(frozen=True)
class FieldMark:
    """A field some deployed form marks for statistics: its kind and enumerated values."""

    kind: str  # value, age_group, members, each
    options: tuple[str, ...]


@dataclass
class Cube:
    """Counts of cases by year of report (text), reporting agency and region."""

    cases: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)  # + outcome
    facts: Counter[tuple[str, str, str, str, str]] = field(default_factory=Counter)  # + name, value
    days: Counter[tuple[str, str, int]] = field(default_factory=Counter)  # year, milestone, tenths
    people: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # year, sex, age group
    late_tasks: Counter[tuple[str, str]] = field(default_factory=Counter)  # year, task agency
    without_facts: Counter[str] = field(default_factory=Counter)  # year
    crimes: list[tuple[str, str, str]] = field(default_factory=list)  # case, fact, value
    fields: dict[str, FieldMark] = field(default_factory=dict)
    outcomes: tuple[str, ...] = ()
    counted_at: float = 0.0

    @property
    def years(self) -> list[str]:
        """Every year with a case, oldest first."""
        return sorted({k[0] for k in self.cases})


def _year(column: Any) -> Any:
    return cast(extract("year", column), Integer)


def build(session: Session) -> Cube:
    """Every count, read now."""
    cube = Cube(counted_at=time.time())
    region = aliased(CaseFact)
    year = _year(col(Case.created_at))
    place = func.coalesce(region.value, literal(UNKNOWN))
    with_region = and_(col(region.case_id) == col(Case.id), col(region.name) == "region")
    outcome = func.coalesce(col(Case.outcome), literal(UNKNOWN))
    rows = session.execute(
        sa_select(year, col(Case.reporting_agency), place, col(Case.status), outcome, func.count())
        .select_from(Case)
        .outerjoin(region, with_region)
        .group_by(year, col(Case.reporting_agency), place, col(Case.status), outcome)
    )
    for y, agency, where, status, result, n in rows:
        key = "open" if status == CaseStatus.OPEN else (
            "cancelled" if status == CaseStatus.CANCELLED else result
        )  # fmt: skip
        cube.cases[(str(y), agency, where, key)] += n
    _facts(session, cube, year, region, with_region)
    _days(session, cube, year)
    _people(session, cube, year)
    _late(session, cube, year)
    _crimes(session, cube)
    no_fact = ~exists().where(col(CaseFact.case_id) == col(Case.id))
    for y, n in session.execute(
        sa_select(year, func.count()).select_from(Case).where(no_fact).group_by(year)
    ):
        cube.without_facts[str(y)] += n
    cube.fields = marked_fields(session)
    cube.outcomes = outcomes(session)
    return cube


def outcomes(session: Session) -> tuple[str, ...]:
    """Every outcome a deployed diagram's script can give a case (`case_outcome = "..."`)."""
    found: dict[str, None] = {}
    for content in session.execute(
        sa_select(col(DeploymentFile.content)).where(col(DeploymentFile.kind) == "bpmn").distinct()
    ).scalars():
        found.update(dict.fromkeys(m.decode() for m in _OUTCOME.findall(content)))
    return tuple(sorted(found))


def _facts(session: Session, cube: Cube, year: Any, region: Any, with_region: Any) -> None:
    """Cases per fact value; per milestone (its value, a time, is not a category)."""
    name, is_milestone = col(CaseFact.name), col(CaseFact.name).like(MILESTONE + "%")
    kept = case((is_milestone, literal("")), else_=col(CaseFact.value))
    place = func.coalesce(region.value, literal(UNKNOWN))
    rows = session.execute(
        sa_select(year, col(Case.reporting_agency), place, name, kept, func.count())
        .select_from(CaseFact)
        .join(Case, col(Case.id) == col(CaseFact.case_id))
        .outerjoin(region, with_region)
        .where(~name.in_(CRIME_FIELDS[:2]))
        .group_by(year, col(Case.reporting_agency), place, name, kept)
    )
    for y, agency, where, fact, v, n in rows:
        cube.facts[(str(y), agency, where, fact, v)] += n


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _days(session: Session, cube: Cube, year: Any) -> None:
    at, created = col(CaseFact.at), col(Case.created_at)
    if _sqlite(session):
        days: Any = func.julianday(at) - func.julianday(created)
    else:
        days = extract("epoch", at - created) / 86400
    tenths = cast(func.round(days * 10), Integer)
    rows = session.execute(
        sa_select(year, col(CaseFact.name), tenths, func.count())
        .join(Case, col(Case.id) == col(CaseFact.case_id))
        .where(col(CaseFact.name).like(MILESTONE + "%"))
        .group_by(year, col(CaseFact.name), tenths)
    )
    for y, name, t, n in rows:
        cube.days[(str(y), name[len(MILESTONE) :], max(int(t), 0))] += n


def _people(session: Session, cube: Cube, year: Any) -> None:
    sex, age = aliased(CaseFact), aliased(CaseFact)
    sex_value = func.coalesce(sex.value, literal(UNKNOWN))
    age_value = func.coalesce(age.value, literal(UNKNOWN))
    rows = session.execute(
        sa_select(year, sex_value, age_value, func.count())
        .select_from(Case)
        .outerjoin(sex, and_(col(sex.case_id) == col(Case.id), col(sex.name) == "sex"))
        .outerjoin(age, and_(col(age.case_id) == col(Case.id), col(age.name) == "age_group"))
        .group_by(year, sex_value, age_value)
    )
    for y, s, a, n in rows:
        cube.people[(str(y), s, a)] += n


def _late(session: Session, cube: Cube, year: Any) -> None:
    due, done = col(HumanTask.due_at), col(HumanTask.completed_at)
    late = or_(done > due, and_(col(HumanTask.status) == TaskStatus.CANCELLED, done >= due))
    agency = func.coalesce(col(HumanTask.agency), literal(UNKNOWN))
    rows = session.execute(
        sa_select(year, agency, func.count())
        .select_from(HumanTask)
        .join(Case, col(Case.id) == col(HumanTask.case_id))
        .where(due.is_not(None), done.is_not(None), late)
        .group_by(year, agency)
    )
    for y, a, n in rows:
        cube.late_tasks[(str(y), a)] += n


def overdue_now(session: Session, now: datetime) -> Counter[tuple[str, str]]:
    """Open tasks past their deadline at this moment, by year of report and agency."""
    year = _year(col(Case.created_at))
    agency = func.coalesce(col(HumanTask.agency), literal(UNKNOWN))
    rows = session.execute(
        sa_select(year, agency, func.count())
        .select_from(HumanTask)
        .join(Case, col(Case.id) == col(HumanTask.case_id))
        .where(col(HumanTask.status) == TaskStatus.READY, col(HumanTask.due_at) < now)
        .group_by(year, agency)
    )
    return Counter({(str(y), a): n for y, a, n in rows})


def _crimes(session: Session, cube: Cube) -> None:
    """The register numbers, dates and regions of registered crimes (few: read as rows)."""
    numbered = sa_select(col(CaseFact.case_id)).where(col(CaseFact.name) == CRIME_FIELDS[0])
    rows = session.execute(
        sa_select(col(CaseFact.case_id), col(CaseFact.name), col(CaseFact.value)).where(
            col(CaseFact.case_id).in_(numbered),
            col(CaseFact.name).in_([*CRIME_FIELDS, "region"]),
        )
    )
    cube.crimes = [(c, n, v) for c, n, v in rows]


_FIELDS: dict[int, dict[str, FieldMark]] = {}
_OUTCOME = re.compile(rb"case_outcome\s*=\s*[\"']([a-z0-9_]+)[\"']")


def marked_fields(session: Session) -> dict[str, FieldMark]:
    """Every field a deployed form (of any version) marks, with its values: a category is
    listed whether or not any case has it."""
    key = hash(frozenset(session.execute(sa_select(col(Deployment.content_hash))).scalars()))
    if key in _FIELDS:
        return _FIELDS[key]
    found: dict[str, dict[str, Any]] = {}
    contents = session.execute(
        sa_select(col(DeploymentFile.content)).where(col(DeploymentFile.kind) == "form").distinct()
    ).scalars()
    for content in contents:
        try:
            schema = json.loads(content)
        except ValueError:
            continue
        for name, prop in (schema.get("properties") or {}).items():
            if isinstance(prop, dict) and prop.get("x-statistic") and not prop.get("x-personal"):
                _merge(found.setdefault(name, {"kind": None, "options": []}), prop)
    marks = {n: FieldMark(m["kind"], tuple(dict.fromkeys(m["options"]))) for n, m in found.items()}
    _FIELDS.clear()
    _FIELDS[key] = marks
    return marks


def _merge(into: dict[str, Any], prop: dict[str, Any]) -> None:
    mark = prop["x-statistic"]
    declared = prop.get("type")
    kinds: list[Any] = declared if isinstance(declared, list) else [declared]
    kind = mark if mark in ("age_group", "each") else ("members" if "array" in kinds else "value")
    into["kind"] = into["kind"] or kind
    items = prop.get("items")
    source: dict[str, Any] = items if isinstance(items, dict) else prop
    options = [o.get("const") for o in source.get("oneOf") or [] if isinstance(o, dict)]
    options += list(source.get("enum") or [])
    if "boolean" in kinds:
        options += [True, False]
    into["options"] += [_text(o) for o in options if o is not None]


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def mark(session: Session) -> tuple[int, Any]:
    """What changes when cases change: how many there are and the newest update."""
    row = session.execute(sa_select(func.count(), func.max(col(Case.updated_at)))).one()
    return int(row[0]), row[1]


class CubeCache:
    """The last cube this process counted, with the mark it was counted at."""

    def __init__(self, max_age: float = 0.0) -> None:
        self.max_age = max_age
        self._lock = threading.Lock()
        self._kept: tuple[tuple[int, Any], Cube, Any] | None = None

    def get(self, db: Database, derive: Callable[[Cube], Any]) -> tuple[Cube, Any]:
        """The cube and what `derive` made of it, counted again only when the cases moved."""
        with self._lock:
            with read_session(db) as session:
                now_mark = mark(session)
                kept = self._kept
                fresh = kept is not None and (
                    kept[0] == now_mark or time.time() - kept[1].counted_at < self.max_age
                )
                if kept is not None and fresh:
                    return kept[1], kept[2]
                cube = build(session)
            self._kept = (now_mark, cube, derive(cube))
            return cube, self._kept[2]

    def clear(self) -> None:
        """Forget the cube (facts were rebuilt behind the cases' backs)."""
        with self._lock:
            self._kept = None
