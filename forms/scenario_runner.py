"""Run the scenario suite in the background for the reviewers' page, one run at a time.

The run is a child `pytest tests/features` writing `scenarios.json` to the reports folder
the page reads; it is bounded in time and killed past it. Nothing durable depends on it:
a run lost with the server is simply started again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from engine.config import ROOT, Settings

SUITE = ROOT / "tests" / "features"
TIME_LIMIT_SECONDS = 600
# The child uses its own scratch databases, never the server's.
_DROPPED = ("NRM_DATABASE_URL", "NRM_TEST_DATABASE_URL", "PYTEST_ADDOPTS")


@dataclass
class RunState:
    """The last run: when it started and ended, and its exit code."""

    started_at: datetime | None = None
    finished_at: datetime | None = None
    exit_code: int | None = None

    @property
    def running(self) -> bool:
        """True while a run goes on."""
        return self.started_at is not None and self.finished_at is None


class ScenarioRunner:
    """Starts at most one scenario run at a time and remembers how the last one ended."""

    def __init__(self, suite: Path = SUITE, time_limit: float = TIME_LIMIT_SECONDS) -> None:
        self.suite = suite
        self.time_limit = time_limit
        self.state = RunState()
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        """True when the scenario suite is installed next to the code."""
        return self.suite.is_dir()

    def start(self, settings: Settings) -> bool:
        """Start a run unless one is going on; True when started."""
        with self._lock:
            if self.state.running or not self.available:
                return False
            self.state = RunState(started_at=datetime.now(UTC))
        env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
        env["NRM_REPORTS_DIR"] = str(settings.reports_dir)
        command = [sys.executable, "-m", "pytest", str(self.suite), "-q", "-p", "no:cacheprovider"]
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        threading.Thread(target=self._wait, args=(process,), daemon=True).start()
        return True

    def _wait(self, process: subprocess.Popen[bytes]) -> None:
        try:
            code = process.wait(self.time_limit)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        with self._lock:
            self.state.exit_code = code
            self.state.finished_at = datetime.now(UTC)
