"""PostgreSQL with several uvicorn processes and two `nrm worker`s on one database (issue 21).

For each process count (2 and 4) a fresh PostgreSQL database is prepared as the API bench
prepares one (bench/api_server.py), and `TIMER_CASES` cases of bench/worker/ are started
with a clock two hours back, so their timers are due. `uvicorn --workers N` serves it, two
`nrm worker` processes run beside it (they fire those timers while the API is under load:
`FOR UPDATE SKIP LOCKED` keeps them off each other's cases), and `CLIENTS` closed-loop
clients (bench/api_load.py) run bench cases for the time given. Then the workers are given
time to fire what is left and the database is checked: every completion the server
acknowledged (2xx) was applied exactly once (one `task.completed` audit event of that task)
and every timer exactly once (one `timer.fired` event of its case, one follow-up task, no
timer left)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine as Database
from sqlmodel import Session, col, select

from bench import api_load, api_server
from bench.api_bench import cpu_seconds
from bench.worker_bench import DIAGRAM as TIMER_DIAGRAM
from engine.config import load_settings
from engine.db import make_engine
from engine.facade import Engine
from engine.models import AuditEvent, HumanTask, Timer
from engine.sources import read_paths
from engine.spiff.clock import FakeClock

PROCESSES = (2, 4)
NRM_WORKERS = 2
CLIENTS = 16
TIMER_CASES = int(os.environ.get("NRM_BENCH_MULTI_TIMERS", "200"))
# How long the workers may take to fire the timers still due once the load has stopped.
DRAIN_S = 120.0
WORKER_INTERVAL_S = "0.2"


def seed_timers(database_url: str, count: int) -> list[str]:
    """Deploy bench/worker/ and start `count` of its cases two hours back: their timers (an
    hour each) are due now. Their ids."""
    db = make_engine(database_url)
    settings = load_settings(api_server.server_env(database_url))
    engine = Engine(db, settings=settings, clock=FakeClock(datetime.now(UTC) - timedelta(hours=2)))
    engine.deploy(read_paths([TIMER_DIAGRAM]), deployed_by="bench")
    try:
        return [
            engine.start_case("bench_timer", {}, agency="police", actor="bench").case.id
            for _ in range(count)
        ]
    finally:
        db.dispose()


def applied_once(
    db: Database, acknowledged: Iterable[str], timer_cases: Iterable[str]
) -> dict[str, Any]:
    """Whether every acknowledged completion and every timer of `timer_cases` was applied
    exactly once, with the counts that say otherwise (each 0 when all is well)."""
    acked, cases = set(acknowledged), set(timer_cases)
    with Session(db) as session:
        completed = _counts(session, AuditEvent.task_id, AuditEvent.action == "task.completed")
        fired = _counts(session, AuditEvent.case_id, AuditEvent.action == "timer.fired")
        follow_ups = _counts(session, HumanTask.case_id, col(HumanTask.case_id).in_(cases))
        timers_left = _counts(session, Timer.case_id, col(Timer.case_id).in_(cases))
    wrong = {
        "completions_missing": sum(1 for t in acked if completed[t] == 0),
        "completions_applied_twice": sum(1 for n in completed.values() if n > 1),
        "timers_unfired": sum(1 for c in cases if fired[c] == 0 or timers_left[c]),
        "timers_fired_twice": sum(1 for c in cases if fired[c] > 1 or follow_ups[c] > 1),
    }
    return {
        "completions_acknowledged": len(acked),
        "timers_seeded": len(cases),
        **wrong,
        "exactly_once": not any(wrong.values()),
    }


def _counts(session: Session, column: Any, where: Any) -> Counter[str]:
    """Rows per value of `column` among those `where` selects."""
    rows = session.exec(select(column, func.count()).where(where).group_by(column)).all()
    return Counter(dict(rows))


class NrmWorkers:
    """`count` `nrm worker` processes on a database, as `nrm worker` runs in production."""

    def __init__(self, database_url: str, count: int, log: Path) -> None:
        nrm = Path(sys.executable).parent / "nrm"
        env = {**api_server.server_env(database_url), "NRM_DEPLOYMENT_RUNNER": "off"}
        self._log = log.open("ab")
        self.processes = [
            subprocess.Popen(
                [str(nrm), "worker", "--interval", WORKER_INTERVAL_S],
                cwd=api_server.ROOT,
                env=env,
                stdout=self._log,
                stderr=self._log,
            )
            for _ in range(count)
        ]

    def cpu_seconds(self) -> float:
        """CPU time the workers have used so far."""
        return sum(cpu_seconds(p.pid) for p in self.processes)

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM each (a round under way rolls back or commits whole), then wait; again: a
        no-op."""
        if self._log.closed:
            return
        for p in self.processes:
            p.terminate()
        for p in self.processes:
            try:
                p.wait(timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout)
        self._log.close()


def _drain(db: Database, cases: list[str], timeout: float) -> float:
    """Wait until no timer of `cases` is left (or `timeout`); the seconds waited."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        with Session(db) as session:
            if not _counts(session, Timer.case_id, col(Timer.case_id).in_(cases)):
                break
        time.sleep(0.5)
    return time.perf_counter() - t0


def measure_level(database_url: str, processes: int, seconds: float, logs: Path) -> dict[str, Any]:
    """One process count on a fresh database: load figures, CPU, and the exactly-once check."""
    api_server.prepare(database_url)
    cases = seed_timers(database_url, TIMER_CASES)
    acknowledged: list[str] = []
    server = api_server.Server(database_url, logs / f"multi-{processes}.log", processes)
    workers = None
    db = make_engine(database_url)
    try:
        workers = NrmWorkers(database_url, NRM_WORKERS, logs / f"multi-{processes}-workers.log")
        pid, worker_cpu = server.process.pid, workers.cpu_seconds()
        figures = api_load.run_level(
            server.url, CLIENTS, seconds, lambda: cpu_seconds(pid), acknowledged=acknowledged
        )
        used = figures.pop("probe")
        drained = _drain(db, cases, DRAIN_S)
        worker_cpu = workers.cpu_seconds() - worker_cpu
        workers.stop()
        check = applied_once(db, acknowledged, cases)
    finally:
        if workers is not None:
            workers.stop()
        server.stop()
        db.dispose()
    requests = max(figures["requests"], 1)
    return {
        **figures,
        "server_cpu_ms_per_request": round(1000 * used / requests, 2),
        "nrm_worker_cpu_s": round(worker_cpu, 2),
        "timers_drained_s": round(drained, 1),
        **check,
    }


def run(seconds: float) -> dict[str, Any]:
    """The `postgresql_multi` figures: a level per process count, or why it is skipped."""
    skipped = api_server.postgres_available()
    if skipped:
        return {"skipped": skipped}
    levels: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="nrm-bench-multi-") as logs:
        for processes in PROCESSES:
            with api_server.postgres_database() as url:
                levels[str(processes)] = measure_level(url, processes, seconds, Path(logs))
            print(f"  {processes} processes: {levels[str(processes)]}", flush=True)
    return {
        "api_cases_per_s": max(level["cases_per_s"] for level in levels.values()),
        "clients": CLIENTS,
        "nrm_workers": NRM_WORKERS,
        "exactly_once": all(level["exactly_once"] for level in levels.values()),
        "levels": levels,
    }
