"""Running deployment jobs: the runner thread, the lease heartbeat and the jobs' reports.

A `DeploymentRunner` (a thread of each server process and of `nrm worker`) asks the engine for
the next job (engine/deployjobs.py: the job table, claims and leases) every few seconds or when
woken; while a job runs, a `_Heartbeat` renews its lease. `success_report` and
`failure_report` are what a finished job reports.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import uuid
from typing import TYPE_CHECKING, Any

from engine.errors import InvalidDiagramError, NrmError
from engine.library import DeployResult

if TYPE_CHECKING:
    from engine.deployjobs import ClaimedJob, DeploymentJobs, JobView

log = logging.getLogger("nrm.deployments")

# How long a runner waits between looks at the queue when nobody wakes it.
POLL_SECONDS = 2.0


def runner_name(role: str) -> str:
    """A name no other runner has: its role, host, process and a random part."""
    return f"{role}:{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _plain(value: Any) -> Any:
    """`value` as JSON would give it back (dates as ISO text)."""
    return json.loads(json.dumps(value, default=str))


def success_report(result: DeployResult) -> dict[str, Any]:
    """What a job that deployed (or found nothing changed) reports."""
    return {
        "created": result.created,
        "deployment_id": result.deployment_id,
        "content_hash": result.content_hash,
        "versions": [
            {
                "process_id": v.process_id,
                "version": v.version,
                "name": v.name,
                "content_hash": v.content_hash,
                "deployed_at": v.deployed_at.isoformat(),
                "deployed_by": v.deployed_by,
            }
            for v in result.new_versions
        ],
        "warnings": [p.as_dict() for p in result.report.warnings],
        "gate": result.gate.as_dict() if result.gate is not None else None,
    }


def failure_report(exc: NrmError) -> dict[str, Any]:
    """What a job that deployed nothing reports: the error as a problem would give it, and the
    gate's report (each failing scenario with its step and error) when the gate ran."""
    details = dict(exc.details())
    gate = details.pop("gate", None)
    error: dict[str, Any] = {
        "status": exc.status,
        "title": exc.title,
        "detail": exc.message,
        **_plain(details),
    }
    if isinstance(exc, InvalidDiagramError):
        error["problems"] = [p.as_dict() for p in exc.problems]
    return {"error": error, "gate": _plain(gate)}


def error_report(status: int, title: str, detail: str) -> dict[str, Any]:
    """A report's error: its status, title and detail."""
    return {"status": status, "title": title, "detail": detail}


class Heartbeat:
    """Renews a job's lease every `interval` seconds while the job runs."""

    def __init__(self, engine: DeploymentJobs, job: ClaimedJob, interval: float) -> None:
        self.engine, self.job, self.interval = engine, job, interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="nrm-lease", daemon=True)

    def __enter__(self) -> None:
        self._thread.start()

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                if not self.engine.renew_lease(self.job):
                    return
            except Exception as exc:  # noqa: BLE001  (the next beat tries again)
                log.warning("lease of deployment %d not renewed: %s", self.job.id, exc)


class DeploymentRunner:
    """A daemon thread that runs queued deployment jobs one after another (in the server and
    in `nrm worker`); `wake()` makes it look at once instead of at its next poll."""

    def __init__(self, engine: DeploymentJobs, role: str, poll: float = POLL_SECONDS) -> None:
        self.engine = engine
        self.name = runner_name(role)
        self.poll = poll
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="nrm-deployments", daemon=True)

    def start(self) -> None:
        """Begin running jobs."""
        self._thread.start()

    def wake(self) -> None:
        """Look at the queue now (a job was just queued)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the job in progress (a job still running when the wait ends is left to
        its lease: another runner takes it again)."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            ran = self.run_once()
            if ran is None:
                self._wake.wait(self.poll)
                self._wake.clear()

    def run_once(self) -> JobView | None:
        """Run the next job, if one waits; a failure is logged and the next round tries."""
        try:
            return self.engine.run_next_deployment(self.name)
        except Exception as exc:  # noqa: BLE001  (the loop must outlive one bad round)
            log.error("deployment round failed: %s", type(exc).__name__)
            return None
