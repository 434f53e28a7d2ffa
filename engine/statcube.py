"""The counts the rapporteur's figures are made of, read from the database in a few GROUP BY
queries, and kept by each process until the cases change.

Counting 100,000 cases means reading a million facts: seconds, not something to repeat for
every page. The counts depend only on the cases, their facts and tasks, so a process keeps
the last ones with a cheap mark of the data (how many cases, the newest change); a reader
gets them again as long as the mark has not moved (or, with `NRM_STATISTICS_MAX_AGE`, for
that many seconds at most after it moved). When counting takes longer than a reader should
wait, a reader gets the counts kept while a background thread counts again (CubeCache).
Open tasks past their deadline change with the clock and are counted at every read.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, cast, extract, func, literal
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine as Database
from sqlmodel import Session, col

from engine.db import read_session
from engine.facts import UNKNOWN
from engine.models import (
    Case,
    Deployment,
    DeploymentFile,
    HumanTask,
    TaskStatus,
)

_log = logging.getLogger(__name__)
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


def outcomes(session: Session) -> tuple[str, ...]:
    """Every outcome a deployed diagram's script can give a case (`case_outcome = "..."`)."""
    found: dict[str, None] = {}
    for content in session.execute(
        sa_select(col(DeploymentFile.content)).where(col(DeploymentFile.kind) == "bpmn").distinct()
    ).scalars():
        found.update(dict.fromkeys(m.decode() for m in _OUTCOME.findall(content)))
    return tuple(sorted(found))


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
    """The last cube this process counted, with the mark it was counted at.

    A read whose counts are out of date counts again before it answers, unless the last
    count took longer than `wait_limit` seconds (100,000 cases take several): then it answers
    at once with the counts it has (the page says when they were counted) while one
    background thread counts again, and the next read gets the new counts.
    """

    def __init__(self, max_age: float = 0.0, wait_limit: float = 1.0) -> None:
        self.max_age = max_age
        self.wait_limit = wait_limit
        self._lock = threading.Lock()
        self._kept: tuple[tuple[int, Any], Cube, Any] | None = None
        self._took = 0.0  # seconds the last count took
        self._generation = 0  # moves on clear(): a count begun before is not kept
        self._behind: threading.Thread | None = None

    def get(
        self, db: Database, build: Callable[[Session], Cube], derive: Callable[[Cube], Any]
    ) -> tuple[Cube, Any]:
        """The cube and what `derive` made of it, counted again only when the cases moved."""
        with self._lock:
            kept = self._kept
            if kept is not None:
                with read_session(db) as session:
                    now_mark = mark(session)
                if kept[0] == now_mark or time.time() - kept[1].counted_at < self.max_age:
                    return kept[1], kept[2]
                if self._took > self.wait_limit:
                    self._count_behind(db, build, derive)
                    return kept[1], kept[2]
            self._kept = self._count(db, build, derive)
            return self._kept[1], self._kept[2]

    def _count(
        self, db: Database, build: Callable[[Session], Cube], derive: Callable[[Cube], Any]
    ) -> tuple[tuple[int, Any], Cube, Any]:
        began = time.perf_counter()
        with read_session(db) as session:
            now_mark = mark(session)
            cube = build(session)
        counted = (now_mark, cube, derive(cube))
        self._took = time.perf_counter() - began
        return counted

    def _count_behind(
        self, db: Database, build: Callable[[Session], Cube], derive: Callable[[Cube], Any]
    ) -> None:
        """Count again in one background thread (none when one is counting already)."""
        if self._behind is not None and self._behind.is_alive():
            return
        generation = self._generation

        def count() -> None:
            try:
                counted = self._count(db, build, derive)
            except Exception:  # noqa: BLE001 - the next read counts again (or tries to)
                _log.exception("counting the statistics in the background failed")
                return
            with self._lock:
                if self._generation == generation:
                    self._kept = counted

        self._behind = threading.Thread(target=count, name="nrm-statistics-count", daemon=True)
        self._behind.start()

    @property
    def counting(self) -> bool:
        """True while a background count is under way (the counts read are older)."""
        return self._behind is not None and self._behind.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        """Until a background count under way has finished (tests, shutdown)."""
        behind = self._behind
        if behind is not None:
            behind.join(timeout)

    def clear(self) -> None:
        """Forget the cube (facts were rebuilt behind the cases' backs)."""
        with self._lock:
            self._kept = None
            self._generation += 1
