"""Deployment jobs: a deployment is asked for at once and runs later, off the request threads.

Asking (`queue_deployment`) validates the library with the files in place at once (an
invalid one is refused then, with every problem, and nothing is queued) and stores a
`deployment_job` with its files. A runner (a thread of each server process, `nrm worker`,
`nrm deploy` itself) claims the oldest unfinished job under a lease it renews while the
scenario gate runs, deploys behind the gate (`PolicyDeployment._deploy_gated`) and writes the
job's report in the deploying transaction.

One job at a time per library: only the oldest unfinished job can be claimed, so jobs run one
after another in the order they were asked for (and the deploying transaction still refuses a
library another deployment changed meanwhile: LibraryChangedError). On PostgreSQL the claim
locks that row with FOR UPDATE SKIP LOCKED (a runner that finds it held goes away) and names
the unfinished states in the same WHERE, so that PostgreSQL checks them again on the row it
locks: the oldest job can finish between the statement's snapshot and the lock, and without
that check a finished job would be claimed and run again. On SQLite it is one conditional
UPDATE. A runner that stops leaves its lease to run out and the next
claim takes the job again (`attempts` counts the claims; past MAX_ATTEMPTS the job fails). A
runner whose lease was taken cannot finish the job: its outcome is written only while the row
still names it, in the same transaction as the deployment.

This module is the job table (queue, claim under a lease, renew, finish) and a job's run
(gate and deploy); the runner thread, the lease heartbeat and the reports are in
engine/deployrunner.py.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from engine.db import is_sqlite, read_session
from engine.deploying import PolicyDeployment
from engine.deployrunner import Heartbeat, error_report, failure_report, success_report
from engine.errors import NotFoundError, NrmError
from engine.library import DeployResult
from engine.models import DeploymentJob, DeploymentJobFile
from engine.models import DeploymentJobState as State
from engine.scenario_gate import Gate, ScenarioGate, SkipScenarios
from engine.sources import SourceFile
from engine.spiff.clock import Clock

log = logging.getLogger("nrm.deployments")

MAX_ATTEMPTS = 3
FEATURE = ".feature"
ACTIVE = (State.QUEUED, State.RUNNING)
FINISHED = frozenset({State.SUCCEEDED, State.FAILED})


class UnknownDeploymentJobError(NotFoundError):
    """No deployment job has this id."""

    title = "Unknown deployment"


class LeaseLostError(Exception):
    """Another runner took the job over (this runner's lease ran out): it may not finish it."""


@dataclass(frozen=True)
class JobView:
    """A deployment job as callers see it; `report` is written when it finishes."""

    id: int
    state: str
    requested_by: str
    note: str
    files: tuple[str, ...]
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    attempts: int
    deployment_id: int | None
    skip_reason: str | None
    report: dict[str, Any] | None

    @property
    def finished(self) -> bool:
        """True once the job succeeded or failed."""
        return self.state in FINISHED


@dataclass(frozen=True)
class ClaimedJob:
    """A job a runner holds: what it needs to deploy."""

    id: int
    runner: str
    requested_by: str
    note: str
    whole_library: bool
    skip_reason: str | None
    files: tuple[SourceFile, ...]
    features: Mapping[str, bytes]


class DeploymentJobs(PolicyDeployment):
    """Queued deployments, run by whichever runner claims them (a mixin of the facade)."""

    clock: Clock

    def queue_deployment(
        self,
        files: Sequence[SourceFile],
        *,
        requested_by: str,
        note: str = "",
        features: Mapping[str, bytes] | None = None,
        whole_library: bool = False,
        skip_reason: str | None = None,
    ) -> JobView:
        """Check the library with `files` in place (InvalidDiagramError, nothing queued) and
        queue its deployment. `files` replace the deployed files of the same name when the
        job runs (with `whole_library`, they are the complete library); `features` replace
        the feature files of the same name for the gate; `skip_reason` skips the gate."""
        self.ctx.library.compile(list(files) if whole_library else self.candidate(files))

        def store(session: Session) -> JobView:
            job = DeploymentJob(
                requested_by=requested_by,
                note=note,
                whole_library=whole_library,
                skip_reason=skip_reason,
                created_at=self.clock.now(),
            )
            session.add(job)
            session.flush()
            assert job.id is not None
            sent = [(f.name, f.content) for f in files] + sorted((features or {}).items())
            session.add_all(DeploymentJobFile(job_id=job.id, name=n, content=c) for n, c in sent)
            session.flush()
            return self._job_view(session, job)

        return self._write(store)

    def deployment_job(self, job_id: int) -> JobView:
        """One job, with its report once it finished (UnknownDeploymentJobError)."""
        with read_session(self.db) as session:
            job = session.get(DeploymentJob, job_id)
            if job is None:
                raise UnknownDeploymentJobError(f"No deployment {job_id}.", job_id=job_id)
            return self._job_view(session, job)

    def deployment_jobs(self, limit: int = 20) -> list[JobView]:
        """The newest jobs, newest first."""
        with read_session(self.db) as session:
            query = select(DeploymentJob).order_by(col(DeploymentJob.id).desc()).limit(limit)
            return [self._job_view(session, job) for job in session.exec(query).all()]

    @staticmethod
    def _job_view(session: Session, job: DeploymentJob) -> JobView:
        assert job.id is not None
        names = session.exec(
            select(DeploymentJobFile.name)
            .where(DeploymentJobFile.job_id == job.id)
            .order_by(col(DeploymentJobFile.name))
        ).all()
        return JobView(
            id=job.id,
            state=job.state,
            requested_by=job.requested_by,
            note=job.note,
            files=tuple(names),
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            attempts=job.attempts,
            deployment_id=job.deployment_id,
            skip_reason=job.skip_reason,
            report=job.report,
        )

    # --- running ------------------------------------------------------------------------

    def run_next_deployment(self, runner: str, *, gate: Gate | None = None) -> JobView | None:
        """Claim the oldest unfinished job if no runner holds it, run it to its end (the
        lease renewed meanwhile) and return it; None when there is nothing to run. `gate`
        replaces the job's own (its features, or its reason to skip them)."""
        job = self.claim_deployment(runner)
        if job is None:
            return None
        self.run_claimed(job, gate=gate)
        return self.deployment_job(job.id)

    def claim_deployment(self, runner: str) -> ClaimedJob | None:
        """The oldest unfinished job, now held by `runner`, when it is queued or its holder's
        lease ran out; else None. An empty queue is seen without taking a write lock (a
        runner looks every few seconds)."""
        with read_session(self.db) as session:
            waiting = session.exec(
                select(DeploymentJob.id).where(col(DeploymentJob.state).in_(ACTIVE)).limit(1)
            ).first()
        if waiting is None:
            return None
        return self._write(partial(self._claim, runner))

    def _claim(self, runner: str, session: Session) -> ClaimedJob | None:
        now = self.clock.now()
        lease = timedelta(seconds=self.settings.deployment_lease)
        oldest = (
            select(func.min(DeploymentJob.id))
            .where(col(DeploymentJob.state).in_(ACTIVE))
            .scalar_subquery()
        )
        if is_sqlite(self.db):
            taken = session.execute(
                update(DeploymentJob)
                .where(
                    col(DeploymentJob.id) == oldest,
                    or_(
                        col(DeploymentJob.state) == State.QUEUED,
                        col(DeploymentJob.lease_until) < now,
                    ),
                )
                .values(
                    state=State.RUNNING,
                    runner=runner,
                    lease_until=now + lease,
                    attempts=col(DeploymentJob.attempts) + 1,
                )
            )
            if taken.rowcount != 1:  # type: ignore[attr-defined]
                return None
            job = session.exec(
                select(DeploymentJob).where(
                    DeploymentJob.runner == runner, DeploymentJob.state == State.RUNNING
                )
            ).one()
        else:
            held = session.exec(
                select(DeploymentJob)
                .where(col(DeploymentJob.id) == oldest, col(DeploymentJob.state).in_(ACTIVE))
                .with_for_update(skip_locked=True)
            ).first()
            lease_ends = held.lease_until if held is not None else None
            if held is None or (held.state == State.RUNNING and lease_ends and lease_ends >= now):
                return None
            job = held
            job.state, job.runner, job.lease_until = State.RUNNING, runner, now + lease
            job.attempts += 1
        job.started_at = job.started_at or now
        if job.attempts > MAX_ATTEMPTS:
            why = f"Its runner stopped {MAX_ATTEMPTS} times while running it; nothing was deployed."
            self._close(
                job, State.FAILED, {"error": error_report(500, "Deployment abandoned", why)}
            )
            session.add(job)
            return None
        session.add(job)
        session.flush()
        assert job.id is not None
        rows = session.exec(
            select(DeploymentJobFile)
            .where(DeploymentJobFile.job_id == job.id)
            .order_by(col(DeploymentJobFile.name))
        ).all()
        return ClaimedJob(
            id=job.id,
            runner=runner,
            requested_by=job.requested_by,
            note=job.note,
            whole_library=job.whole_library,
            skip_reason=job.skip_reason,
            files=tuple(SourceFile(r.name, r.content) for r in rows if not _feature(r.name)),
            features={r.name: r.content for r in rows if _feature(r.name)},
        )

    def renew_lease(self, job: ClaimedJob) -> bool:
        """Extend the runner's lease on its job; False when it no longer holds it."""

        def renew(session: Session) -> bool:
            until = self.clock.now() + timedelta(seconds=self.settings.deployment_lease)
            done = session.execute(
                update(DeploymentJob).where(*_held(job)).values(lease_until=until)
            )
            return bool(done.rowcount == 1)  # type: ignore[attr-defined]

        return self._write(renew)

    def _gate_of(self, job: ClaimedJob) -> Gate:
        if job.skip_reason is not None:
            return SkipScenarios(job.skip_reason)
        return ScenarioGate(features_dir=self.settings.features_dir, features=job.features)

    def run_claimed(self, job: ClaimedJob, *, gate: Gate | None = None) -> None:
        """Deploy a claimed job behind its gate (or `gate`), renewing the lease meanwhile,
        and record the outcome; a job another runner took over is left to it."""
        with Heartbeat(self, job, self.settings.deployment_lease / 3):
            self._run(job, gate or self._gate_of(job))

    def _run(self, job: ClaimedJob, gate: Gate) -> None:
        try:
            files = list(job.files) if job.whole_library else self.candidate(job.files)
            self._deploy_gated(
                files,
                deployed_by=job.requested_by,
                note=job.note,
                gate=gate,
                within=partial(self._succeeded, job),
            )
        except LeaseLostError:
            log.warning("deployment %d was taken over by another runner", job.id)
        except NrmError as exc:
            self._fail(job, failure_report(exc))
        except Exception as exc:  # noqa: BLE001  (the job must end, and the runner live on)
            log.exception("deployment %d failed unexpectedly", job.id)
            why = f"The deployment stopped on an unexpected {type(exc).__name__}."
            self._fail(job, {"error": error_report(500, "Deployment failed", why)})

    def _succeeded(self, job: ClaimedJob, session: Session, result: DeployResult) -> None:
        """In the deploying transaction: the job succeeded, if this runner still holds it."""
        row = _held_row(session, job)
        if row is None:
            raise LeaseLostError(job.id)
        self._close(row, State.SUCCEEDED, success_report(result))
        row.deployment_id = result.deployment_id
        session.add(row)

    def _fail(self, job: ClaimedJob, report: dict[str, Any]) -> None:
        def fail(session: Session) -> None:
            row = _held_row(session, job)
            if row is None:
                log.warning("deployment %d was taken over by another runner", job.id)
                return
            self._close(row, State.FAILED, report)
            session.add(row)

        self._write(fail)

    def _close(self, row: DeploymentJob, state: State, report: dict[str, Any]) -> None:
        row.state, row.report = state, report
        row.finished_at, row.lease_until = self.clock.now(), None


def _held(job: ClaimedJob) -> tuple[Any, ...]:
    """The conditions under which `job.runner` still holds the job."""
    return (
        col(DeploymentJob.id) == job.id,
        col(DeploymentJob.runner) == job.runner,
        col(DeploymentJob.state) == State.RUNNING,
    )


def _held_row(session: Session, job: ClaimedJob) -> DeploymentJob | None:
    """The job's row, locked, while `job.runner` still holds it."""
    return session.exec(select(DeploymentJob).where(*_held(job)).with_for_update()).first()


def _feature(name: str) -> bool:
    return name.endswith(FEATURE)
