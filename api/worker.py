"""The in-process timer worker: fires due timers, then tells due escalation rungs, every
`worker_interval` seconds.

Durable work lives in the database (timer and escalation rows); this thread only polls, so
it may run in every API process beside `nrm worker` (PostgreSQL skips a case another worker
holds).
"""

from __future__ import annotations

import logging
import threading

from api.stephosts import StepHosts, fire_due
from engine.facade import Engine

log = logging.getLogger("api.worker")


class TimerWorker:
    """A daemon thread calling `engine.fire_due_timers()` (each due case in a step host, when
    the server has them) and `fire_due_escalations()` until stopped."""

    def __init__(self, engine: Engine, interval: float, hosts: StepHosts | None = None) -> None:
        self.engine = engine
        self.hosts = hosts
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="nrm-timers", daemon=True)

    def start(self) -> None:
        """Begin polling."""
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the thread to stop and wait for the round in progress."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.run_once()

    def run_once(self) -> list[str]:
        """One round; a failure is logged (without case data) and the next round tries again."""
        try:
            if self.hosts is None:
                moved = self.engine.fire_due_timers()
            else:
                moved = fire_due(self.engine, self.hosts)
            told = self.engine.fire_due_escalations()
        except Exception as exc:  # noqa: BLE001  (the loop must outlive one bad round)
            log.error("timer round failed: %s", type(exc).__name__)
            return []
        if moved:
            log.info("fired timers in %d case(s)", len(moved))
        if told:
            log.info("escalated %d task(s)", len(told))
        return moved
