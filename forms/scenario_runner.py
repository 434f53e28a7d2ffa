"""Run every scenario in the background for the reviewers' page, one run at a time.

The run is the deploy gate's (`engine.scenario_gate.ScenarioGate.run_features`): the installed
scenario suite in a child pytest, against the deployed library written to a scratch directory,
with every feature file of NRM_FEATURES_DIR; its report (results and path coverage) then
replaces `scenarios.json` in the reports folder the page reads. So it needs no checkout of the
repository, and it checks what is live. It is bounded in time; nothing durable depends on it:
a run lost with the server is simply started again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from engine.facade import Engine
from engine.scenario_gate import SUITE, ScenarioGate
from engine.sources import SourceFile

TIME_LIMIT_SECONDS = 600
log = logging.getLogger("nrm.scenarios")


@dataclass
class RunState:
    """The last run: when it started and ended, and what it found."""

    started_at: datetime | None = None
    finished_at: datetime | None = None
    problem: str | None = None  # the run itself failed: timeout, crash, no results
    failed: int = 0

    @property
    def running(self) -> bool:
        """True while a run goes on."""
        return self.started_at is not None and self.finished_at is None


class ScenarioRunner:
    """Starts at most one scenario run at a time and remembers how the last one ended."""

    def __init__(self, suite: str = SUITE, time_limit: float = TIME_LIMIT_SECONDS) -> None:
        self.gate = ScenarioGate(suite=suite, timeout=time_limit)
        self.state = RunState()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def available(self) -> bool:
        """True when the scenario suite is installed with the application."""
        return self.gate.available

    def start(self, engine: Engine) -> bool:
        """Start a run of every feature file against the deployed library, unless one is
        going on; True when started."""
        with self._lock:
            if self.state.running or not self.available:
                return False
            self.state = RunState(started_at=datetime.now(UTC))
        settings = engine.settings
        try:
            files = engine.candidate([])
            features = {
                p.name: p.read_bytes() for p in sorted(settings.features_dir.glob("*.feature"))
            }
        except Exception:
            with self._lock:
                self.state.finished_at = datetime.now(UTC)
            raise
        self._thread = threading.Thread(
            target=self._run, args=(files, features, settings.reports_dir), daemon=True
        )
        self._thread.start()
        return True

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the run in progress (tests)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(
        self, files: Sequence[SourceFile], features: Mapping[str, bytes], reports: Path
    ) -> None:
        problem: str | None
        failed = 0
        try:
            problem, results, _seconds = self.gate.run_features(
                files, features, keep_report=reports
            )
            failed = sum(r.status != "passed" for r in results)
        except Exception as exc:  # noqa: BLE001  (the page must learn the run ended)
            log.error("scenario run failed: %s", type(exc).__name__)
            problem = f"the scenarios could not be run: {type(exc).__name__}"
        with self._lock:
            self.state.problem, self.state.failed = problem, failed
            self.state.finished_at = datetime.now(UTC)
