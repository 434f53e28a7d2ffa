"""Inbox benchmark: clone a real finished bench case into many open cases (bulk inserts of
nrm_case and human_task rows, stages spread over the diagram's path), then time
`GET /tasks?limit=50` of one agency at each size."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.engine import Engine as Database

from bench.api_load import API, CaseClient, sign_in
from bench.api_report import latency_summary
from engine.fastsql import CASE_COLUMNS, TASK_COLUMNS, FastSql

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


def _clone(
    tpl: Template, db: FastSql, number: str, stage: int, opened: datetime
) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """One open case at `stage` of the template's path: its row and its task rows."""
    case_id = str(uuid.uuid4())
    case = {
        **tpl.case,
        "id": case_id,
        "number": number,
        "status": "open",
        "outcome": None,
        "created_at": opened,
        "updated_at": opened + timedelta(minutes=stage),
        "closed_at": None,
        "version": stage + 1,
    }
    case_row = tuple(
        db.when(case[c]) if isinstance(case[c], datetime) else case[c] for c in CASE_COLUMNS
    )
    tasks = []
    for j, task in enumerate(tpl.tasks[: stage + 1]):
        at = opened + timedelta(minutes=j)
        done = j < stage
        values = {
            **task,
            "id": str(uuid.uuid4()),
            "case_id": case_id,
            "status": "completed" if done else "ready",
            "created_at": at,
            "completed_by": task["agency"] if done else None,
            "completed_at": at + timedelta(minutes=1) if done else None,
        }
        tasks.append(
            tuple(
                db.when(v) if isinstance(v, datetime) else v
                for v in (values[c] for c in TASK_COLUMNS)
            )
        )
    return (*case_row, tpl.state), tasks


def seed(database: Database, tpl: Template, first: int, count: int) -> None:
    """Add `count` open cases cloned from the template (stages spread over its path)."""
    now = datetime.now(UTC)
    case_sql = (
        f"INSERT INTO nrm_case ({', '.join(CASE_COLUMNS)}, state) "
        f"VALUES ({', '.join('?' * (len(CASE_COLUMNS) + 1))})"
    )
    task_sql = (
        f"INSERT INTO human_task ({', '.join(TASK_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(TASK_COLUMNS))})"
    )
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        with database.begin() as conn:
            number = _reserve_numbers(conn, now.year, size)
            db = FastSql(conn)
            cases, tasks = [], []
            for k in range(size):
                i = first + start + k
                opened = now - timedelta(minutes=i)
                case, rows = _clone(
                    tpl, db, f"NRM-{now.year}-{number + k:06d}", i % len(tpl.tasks), opened
                )
                cases.append(case)
                tasks += rows
            db.many(case_sql, cases)
            db.many(task_sql, tasks)


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
    with httpx.Client(base_url=url, timeout=60) as client:
        headers = sign_in(client, AGENCY)
        for _ in range(5):  # warm up
            client.get(API + "/tasks", params={"limit": 50}, headers=headers).raise_for_status()
        end = time.perf_counter() + seconds
        while len(latencies) < most and (len(latencies) < 20 or time.perf_counter() < end):
            t0 = time.perf_counter()
            response = client.get(API + "/tasks", params={"limit": 50}, headers=headers)
            latencies.append((time.perf_counter() - t0) * 1000)
            response.raise_for_status()
    return {"requests": len(latencies), **latency_summary(latencies)}


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
