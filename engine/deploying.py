"""Deploying safely: the library after a change, what it changes, and a gated, audited deploy.

A mixin of `engine.facade.Engine` (kept apart so the facade stays small). A gated
deploy validates the candidate, runs the scenarios of the processes whose content
changes (`engine.scenario_gate`), and only then stores the new versions, with one
`process.deployed` audit event saying what went live and on what evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy.engine import Engine as Database
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from engine import audit
from engine.config import Settings
from engine.context import EngineContext
from engine.db import read_session
from engine.definitions import CompiledBundle
from engine.errors import LibraryChangedError, ScenariosFailedError
from engine.library import DeployResult, ProcessLibrary
from engine.models import DeploymentFile
from engine.scenario_gate import Gate, GateReport
from engine.sources import SourceFile, read_library
from engine.unit import UnitOfWork

CHANGED = (
    "Another deployment changed the library while the scenarios ran; nothing was deployed. "
    "Deploy again."
)


def merged(base: Iterable[SourceFile], changes: Iterable[SourceFile]) -> list[SourceFile]:
    """`base` with each file of `changes` added, or replacing the one of the same name."""
    files = {f.name: f for f in base}
    files.update((f.name, f) for f in changes)
    return sorted(files.values(), key=lambda f: f.name)


def deployed_files(session: Session) -> list[SourceFile]:
    """The library as deployed: the files of each process's newest version's deployment
    (a later deployment's file wins over an earlier one of the same name)."""
    ids = sorted({v.deployment_id for v in ProcessLibrary.latest_versions(session)})
    rows = session.exec(
        select(DeploymentFile)
        .where(col(DeploymentFile.deployment_id).in_(ids))
        .order_by(col(DeploymentFile.deployment_id))
    ).all()
    return merged((), (SourceFile(r.name, r.content) for r in rows))


def latest_hashes(session: Session) -> dict[str, str]:
    """Content hash of every process's newest version."""
    return {v.process_id: v.content_hash for v in ProcessLibrary.latest_versions(session)}


def changed_processes(latest: Mapping[str, str], bundle: CompiledBundle) -> tuple[str, ...]:
    """Processes of the bundle that are new or whose content differs from their newest
    version (`latest`). A process's content covers the diagrams it calls, so a changed SOP
    also changes `nrm_case`, which calls it."""
    return tuple(sorted(p for p, d in bundle.processes.items() if latest.get(p) != d.content_hash))


def _detail(result: DeployResult, gate: GateReport, note: str) -> dict[str, Any]:
    """What the audit trail keeps of a deployment."""
    return {
        "deployment_id": result.deployment_id,
        "content_hash": result.content_hash,
        "versions": [
            {"process_id": v.process_id, "version": v.version, "content_hash": v.content_hash}
            for v in result.new_versions
        ],
        "gate": gate.as_dict(),
        **({"note": note} if note else {}),
    }


class PolicyDeployment(UnitOfWork):
    """The library after a change, the processes it changes, and deploying behind a gate."""

    db: Database
    ctx: EngineContext
    settings: Settings

    def candidate(self, changes: Sequence[SourceFile]) -> list[SourceFile]:
        """The complete library after a change: the deployed files (the library on disk
        when nothing is deployed yet) with `changes` replacing or adding files by name."""
        with read_session(self.db) as session:
            base = deployed_files(session)
        if not base:
            base = read_library(self.settings.bpmn_dir, self.settings.forms_dir)
        return merged(base, changes)

    def changed_processes(self, files: Sequence[SourceFile]) -> tuple[str, ...]:
        """Processes of a (valid) candidate library that would get a new version."""
        bundle = self.ctx.library.compile(files)
        with read_session(self.db) as session:
            return changed_processes(latest_hashes(session), bundle)

    def _deploy_gated(
        self,
        files: Sequence[SourceFile],
        *,
        deployed_by: str,
        note: str,
        gate: Gate,
        within: Callable[[Session, DeployResult], None] | None = None,
    ) -> DeployResult:
        """Validate, run the gate on the changed processes, deploy and audit (or refuse).
        `within` runs in the deploying transaction, after the audit event (a deployment job
        records its outcome there: both commit, or neither)."""
        bundle = self.ctx.library.compile(files)
        with read_session(self.db) as session:
            latest = latest_hashes(session)
        changed = changed_processes(latest, bundle)
        report = gate.check(files, changed) if changed else GateReport(())
        if not report.passed:
            why = report.problem or f"{len(report.failed)} scenario(s) fail on the new version"
            raise ScenariosFailedError(
                f"{why}; nothing was deployed.", report.lines(), gate=report.as_dict()
            )

        def store(session: Session) -> DeployResult:
            if latest_hashes(session) != latest:
                raise LibraryChangedError(CHANGED)
            now = self.ctx.clock.now()
            try:
                result = self.ctx.library.deploy(
                    session, files, deployed_by=deployed_by, now=now, note=note
                )
            except IntegrityError as exc:  # a concurrent deployment took the same numbers
                raise LibraryChangedError(CHANGED) from exc
            if result.created:
                detail = _detail(result, report, note)
                audit.record(
                    session, at=now, actor=deployed_by, action="process.deployed", detail=detail
                )
            result = replace(result, gate=report)
            if within is not None:
                within(session, result)
            return result

        return self._write(store)
