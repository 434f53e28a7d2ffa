"""The API benchmark's server: a private database (SQLite file or PostgreSQL database),
migrated, with demo users and the bench diagram deployed, served by a real uvicorn."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.engine import make_url

from engine.accounts import create_demo
from engine.config import load_settings
from engine.db import make_engine, write_session
from engine.facade import Engine
from engine.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
DIAGRAM = Path(__file__).parent / "diagram"
PASSWORD = "demo"
# The maintenance database a private benchmark database is created from.
PG_ADMIN_URL = os.environ.get(
    "NRM_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@contextmanager
def sqlite_database() -> Iterator[str]:
    """A fresh SQLite file, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="nrm-bench-") as tmp:
        yield f"sqlite:///{tmp}/bench.db"


@contextmanager
def postgres_database() -> Iterator[str]:
    """A private PostgreSQL database (`nrm_bench_<random>`), dropped afterwards."""
    admin = make_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"nrm_bench_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def postgres_available() -> str | None:
    """None when the PostgreSQL server answers, else why not."""
    try:
        db = make_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with db.connect() as conn:
            conn.execute(text("SELECT 1"))
        db.dispose()
    except Exception as exc:  # noqa: BLE001  (any failure means: skip PostgreSQL)
        return f"PostgreSQL at {PG_ADMIN_URL} unreachable ({type(exc).__name__})"
    return None


def server_env(database_url: str) -> dict[str, str]:
    """The environment of the benchmark's server and of its set-up."""
    return {
        **os.environ,
        "NRM_DATABASE_URL": database_url,
        "NRM_ENV": "development",
        "NRM_INPROCESS_WORKER": "false",
        "NRM_BPMN_DIR": str(DIAGRAM),
        "NRM_FORMS_DIR": str(DIAGRAM),
        "NRM_DEMO_PASSWORD": PASSWORD,
        "NRM_TOKEN_MINUTES": "240",
    }


def prepare(database_url: str) -> None:
    """Migrate, create the demo users and deploy the bench diagram as the process library."""
    settings = load_settings(server_env(database_url))
    db = make_engine(database_url)
    upgrade(db)
    with write_session(db) as session:
        create_demo(session, password=PASSWORD, production=False, now=datetime.now(UTC))
        session.commit()
    Engine(db, settings=settings).deploy_library(deployed_by="bench")
    db.dispose()


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`uvicorn api.app:create_app --factory`, `workers` processes (one unless told), on a
    free loopback port."""

    def __init__(self, database_url: str, log: Path, workers: int = 1) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory"]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--workers", str(workers), "--log-level", "warning", "--no-access-log"]
        self._log = log.open("ab")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=server_env(database_url), stdout=self._log, stderr=self._log
        )
        # Each process parses the versions in use and starts its step hosts.
        self._wait_ready(30.0 if workers == 1 else 60.0 * workers)

    def _wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {self.process.returncode}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("uvicorn did not answer /healthz in time")

    def rss_mb(self) -> float:
        """Resident memory of the server process (VmRSS), in MB."""
        return _status_kb(self.process.pid, "VmRSS") / 1024

    def peak_rss_mb(self) -> float:
        """Peak resident memory of the server process (VmHWM), in MB."""
        return _status_kb(self.process.pid, "VmHWM") / 1024

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM, then SIGKILL if it does not exit in time."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self._log.close()


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


@contextmanager
def running(database_url: str, log: Path) -> Iterator[Server]:
    """A prepared database served by uvicorn until the block ends."""
    prepare(database_url)
    server = Server(database_url, log)
    try:
        yield server
    finally:
        server.stop()
