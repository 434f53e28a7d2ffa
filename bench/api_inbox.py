"""Inbox benchmark: clone a real finished bench case into many open cases (bulk inserts of
nrm_case and human_task rows, stages spread over the diagram's path), then time
`GET /tasks?limit=50` of one agency at each size."""

from __future__ import annotations

import http.client
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import text
from sqlalchemy.engine import Engine as Database

from bench.api_load import API, CaseClient, sign_in
from bench.api_report import latency_summary
from engine.driversql import DriverSql
from engine.rowsql import CASE_COLUMNS, TASK_COLUMNS

BATCH = 5_000
AGENCY = "police"


@dataclass(frozen=True)
class Template:
    """A finished bench case: its row (with state) and its tasks in path order."""

    case: dict[str, Any]
    state: bytes
    tasks: list[dict[str, Any]]


def template(db: Database, url: str) -> Template:
    """Run one case through the API and read back its rows."""
    client = CaseClient(url)
    if not client.run_case(0):
        raise RuntimeError("the template case did not complete")
    client.close()
    with db.connect() as conn:
        case = conn.execute(
            text(
                f"SELECT {', '.join(CASE_COLUMNS)}, state FROM nrm_case "
                "WHERE status = 'completed' ORDER BY updated_at DESC LIMIT 1"
            )
        ).one()
        tasks = conn.execute(
            text(
                f"SELECT {', '.join(TASK_COLUMNS)} FROM human_task WHERE case_id = :id "
                "ORDER BY created_at, id"
            ),
            {"id": case.id},
        ).all()
    values = dict(case._mapping)
    return Template(values, bytes(values.pop("state")), [dict(t._mapping) for t in tasks])


def _reserve_numbers(conn: Any, year: int, count: int) -> int:
    """Take `count` case numbers of the year from the counter; returns the first."""
    conn.execute(
        text("INSERT INTO case_counter (year, last) VALUES (:y, 0) ON CONFLICT (year) DO NOTHING"),
        {"y": year},
    )
    last = conn.execute(
        text("UPDATE case_counter SET last = last + :n WHERE year = :y RETURNING last"),
        {"n": count, "y": year},
    ).scalar_one()
    return int(last) - count + 1


_CASE = {c: i for i, c in enumerate(CASE_COLUMNS)}
_TASK = {c: i for i, c in enumerate(TASK_COLUMNS)}


class Cloner:
    """Rows of open cases cloned from the template; case i opened i + 10 minutes ago, at
    stage i mod (path length): earlier tasks completed, the stage's task open."""

    def __init__(self, tpl: Template, db: DriverSql, now: datetime) -> None:
        self.tpl, self.db, self.now = tpl, db, now
        self._times: dict[int, Any] = {}
        self._case = [tpl.case[c] for c in CASE_COLUMNS]
        self._tasks = [[t[c] for c in TASK_COLUMNS] for t in tpl.tasks]

    def ago(self, minutes: int) -> Any:
        """A stored date-time `minutes` before now (formatted once per minute)."""
        found = self._times.get(minutes)
        if found is None:
            found = self._times[minutes] = self.db.when(self.now - timedelta(minutes=minutes))
        return found

    def case(self, i: int, number: str) -> tuple[list[Any], list[list[Any]]]:
        """The case row (with state) and task rows of open case i."""
        stage, opened = i % len(self._tasks), i + 10
        row = list(self._case)
        case_id = str(uuid.uuid4())
        row[_CASE["id"]], row[_CASE["number"]], row[_CASE["status"]] = case_id, number, "open"
        row[_CASE["outcome"]], row[_CASE["closed_at"]] = None, None
        row[_CASE["created_at"]] = self.ago(opened)
        row[_CASE["updated_at"]] = self.ago(opened - stage)
        row[_CASE["version"]] = stage + 1
        tasks = []
        for j, template in enumerate(self._tasks[: stage + 1]):
            task = list(template)
            task[_TASK["id"]], task[_TASK["case_id"]] = str(uuid.uuid4()), case_id
            task[_TASK["created_at"]] = self.ago(opened - j)
            done = j < stage
            task[_TASK["status"]] = "completed" if done else "ready"
            task[_TASK["completed_by"]] = task[_TASK["agency"]] if done else None
            task[_TASK["completed_at"]] = self.ago(opened - j - 1) if done else None
            tasks.append(task)
        return [*row, self.tpl.state], tasks


def _write(conn: Any, db: DriverSql, cases: list[list[Any]], tasks: list[list[Any]]) -> None:
    """Bulk insert: COPY on PostgreSQL, executemany on SQLite."""
    tables = (("nrm_case", (*CASE_COLUMNS, "state"), cases), ("human_task", TASK_COLUMNS, tasks))
    if not db.postgres:
        for table, columns, rows in tables:
            marks = ", ".join("?" * len(columns))
            db.many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        return
    cursor = conn.connection.dbapi_connection.cursor()
    for table, columns, rows in tables:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def seed(database: Database, tpl: Template, first: int, count: int) -> None:
    """Add `count` open cases cloned from the template (stages spread over its path)."""
    now = datetime.now(UTC)
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        with database.begin() as conn:
            number = _reserve_numbers(conn, now.year, size)
            db = DriverSql.on(conn)
            cloner = Cloner(tpl, db, now)
            cases, tasks = [], []
            for k in range(size):
                case, rows = cloner.case(first + start + k, f"NRM-{now.year}-{number + k:06d}")
                cases.append(case)
                tasks += rows
            _write(conn, db, cases, tasks)
    if database.dialect.name == "postgresql":
        # What autovacuum does on a live server soon after a bulk load: fresh statistics.
        with database.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE nrm_case, human_task"))


def open_tasks(database: Database, agency: str = AGENCY) -> int:
    """How many open tasks the agency's inbox holds."""
    with database.connect() as conn:
        found = conn.execute(
            text("SELECT count(*) FROM human_task WHERE agency = :a AND status = 'ready'"),
            {"a": agency},
        ).scalar_one()
    return int(found)


def time_inbox(url: str, seconds: float, *, most: int = 1000) -> dict[str, Any]:
    """Latencies of `GET /tasks?limit=50` for about `seconds` (at least 20 requests)."""
    latencies: list[float] = []
    parts = urlsplit(url)
    client = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    try:
        headers = sign_in(client, AGENCY)
        for _ in range(5):  # warm up
            _get(client, API + "/tasks?limit=50", headers)
        end = time.perf_counter() + seconds
        while len(latencies) < most and (len(latencies) < 20 or time.perf_counter() < end):
            t0 = time.perf_counter()
            _get(client, API + "/tasks?limit=50", headers)
            latencies.append((time.perf_counter() - t0) * 1000)
    finally:
        client.close()
    return {"requests": len(latencies), **latency_summary(latencies)}


def _get(client: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> bytes:
    """The body of a GET answered 200 (else an error)."""
    client.request("GET", path, headers=headers)
    response = client.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {path}: {response.status}")
    return body


def run_sizes(
    database: Database, url: str, sizes: Sequence[int], seconds: float
) -> dict[int, dict[str, Any]]:
    """Grow the open cases to each size in turn and time the inbox at each."""
    tpl = template(database, url)
    results: dict[int, dict[str, Any]] = {}
    seeded = 0
    for size in sizes:
        t0 = time.perf_counter()
        seed(database, tpl, seeded, size - seeded)
        seeded = size
        seed_s = round(time.perf_counter() - t0, 1)
        results[size] = {
            "agency_open_tasks": open_tasks(database),
            "seed_s": seed_s,
            **time_inbox(url, seconds),
        }
    return results
