"""The process library: deploy bundles of files as numbered versions, parse each once.

A running case always continues on the version it started with: its
`process_version` row points at the deployment whose files are stored in the
database, and the compiled bundle is cached by content hash.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlalchemy.engine import Engine as Database
from sqlmodel import Session, col, select

from engine.config import DEFAULT_MAX_INSTANCES, TEXT_MAX_LENGTH
from engine.definitions import CompiledBundle, ProcessDefinition
from engine.errors import ErrorReport, InvalidDiagramError, Problem, UnknownProcessError
from engine.models import Deployment, DeploymentFile, ProcessVersion
from engine.sources import SourceFile, content_hash
from engine.store import sql as store_sql
from engine.validation import validate_files

if TYPE_CHECKING:
    from engine.scenario_gate import GateReport


@dataclass(frozen=True)
class DeployResult:
    """What a deployment changed."""

    deployment_id: int
    content_hash: str
    created: bool
    new_versions: tuple[ProcessVersion, ...]
    report: ErrorReport
    gate: GateReport | None = None  # the scenarios run before it went live (gated deploys)


@dataclass(frozen=True)
class VersionRef:
    """A process version's identity, detached from any database session (it is cached)."""

    id: int
    process_id: str
    version: int
    name: str
    content_hash: str
    deployment_id: int
    deployed_at: datetime
    deployed_by: str

    @classmethod
    def of(cls, row: ProcessVersion) -> VersionRef:
        """A snapshot of a process_version row."""
        assert row.id is not None
        return cls(
            row.id,
            row.process_id,
            row.version,
            row.name,
            row.content_hash,
            row.deployment_id,
            row.deployed_at,
            row.deployed_by,
        )


@dataclass(frozen=True)
class LoadedVersion:
    """A process version with its parsed definition and bundle (shared, read-only)."""

    version: VersionRef
    definition: ProcessDefinition
    bundle: CompiledBundle


class ProcessLibrary:
    """Compiles bundles (cached by content hash) and keeps deployed versions."""

    def __init__(
        self, *, max_instances: int = DEFAULT_MAX_INSTANCES, text_max_length: int = TEXT_MAX_LENGTH
    ) -> None:
        self.max_instances = max_instances
        self.text_max_length = text_max_length  # for form text fields without maxLength
        self._bundles: dict[str, CompiledBundle] = {}
        # Deployed bundles that newer rules refuse, compiled as they were deployed.
        self._stored: dict[str, CompiledBundle] = {}
        self._warnings: dict[str, list[Problem]] = {}
        # By database and row id: one library may serve several databases (tests, tools).
        self._versions: dict[tuple[str, int], LoadedVersion] = {}
        self._lock = threading.Lock()

    def validate(self, files: Sequence[SourceFile]) -> tuple[ErrorReport, CompiledBundle | None]:
        """Every problem of a set of files, and its compiled form when it has no error."""
        key = content_hash(files)
        cached = self._bundles.get(key)
        if cached is not None:
            return ErrorReport(list(self._warnings.get(key, ()))), cached
        report, bundle = validate_files(
            files, max_instances=self.max_instances, text_max_length=self.text_max_length
        )
        if bundle is not None:
            with self._lock:
                self._bundles[key] = bundle
                self._warnings[key] = report.warnings  # a cached bundle keeps its warnings
        return report, bundle

    def compile(self, files: Sequence[SourceFile]) -> CompiledBundle:
        """The compiled bundle, or InvalidDiagramError listing every error."""
        report, bundle = self.validate(files)
        if bundle is None:
            raise InvalidDiagramError(
                f"{len(report.errors)} problem(s) in the diagrams", problems=report.errors
            )
        return bundle

    def deploy(
        self,
        session: Session,
        files: Sequence[SourceFile],
        *,
        deployed_by: str,
        now: datetime,
        note: str = "",
    ) -> DeployResult:
        """Store the files and give every changed process a new version (no commit)."""
        report, bundle = self.validate(files)
        if bundle is None:
            raise InvalidDiagramError(
                f"{len(report.errors)} problem(s) in the diagrams", problems=report.errors
            )
        existing = session.exec(
            select(Deployment).where(Deployment.content_hash == bundle.content_hash)
        ).first()
        if existing is not None and existing.id is not None:
            # The same files as an earlier deployment: a revert makes their processes
            # newest again (new version numbers on the stored files); else nothing changes.
            again = self._new_versions(session, bundle, existing.id, deployed_by, now)
            return DeployResult(existing.id, bundle.content_hash, bool(again), tuple(again), report)
        deployment = Deployment(
            content_hash=bundle.content_hash, deployed_at=now, deployed_by=deployed_by, note=note
        )
        session.add(deployment)
        session.flush()
        assert deployment.id is not None
        for f in bundle.files:
            session.add(
                DeploymentFile(
                    deployment_id=deployment.id, name=f.name, kind=f.kind or "", content=f.content
                )
            )
        versions = self._new_versions(session, bundle, deployment.id, deployed_by, now)
        return DeployResult(deployment.id, bundle.content_hash, True, tuple(versions), report)

    def _new_versions(
        self,
        session: Session,
        bundle: CompiledBundle,
        deployment_id: int,
        deployed_by: str,
        now: datetime,
    ) -> list[ProcessVersion]:
        versions = []
        for definition in bundle.processes.values():
            latest = self._latest(session, definition.process_id)
            if latest is not None and latest.content_hash == definition.content_hash:
                continue
            row = ProcessVersion(
                process_id=definition.process_id,
                version=(latest.version + 1) if latest else 1,
                name=definition.name,
                content_hash=definition.content_hash,
                deployment_id=deployment_id,
                deployed_at=now,
                deployed_by=deployed_by,
            )
            session.add(row)
            versions.append(row)
        session.flush()
        return versions

    @staticmethod
    def _latest(session: Session, process_id: str) -> ProcessVersion | None:
        return session.exec(
            select(ProcessVersion)
            .where(ProcessVersion.process_id == process_id)
            .order_by(col(ProcessVersion.version).desc())
            .limit(1)
        ).first()

    def latest(self, session: Session, process_id: str) -> LoadedVersion:
        """The newest version of a process, parsed (one indexed read: a deployment by another
        process shows at once)."""
        row = (
            store_sql(session)
            .run(
                "SELECT id FROM process_version WHERE process_id = ? ORDER BY version DESC LIMIT 1",
                (process_id,),
            )
            .fetchone()
        )
        if row is None:
            raise UnknownProcessError(
                f"No deployed process has the id {process_id!r}.", process_id=process_id
            )
        return self.version(session, int(row[0]))

    def version(self, session: Session, version_id: int) -> LoadedVersion:
        """A process version by row id, parsed (from the cache after the first time)."""
        bind = session.bind if session.bind is not None else session.get_bind()
        key = (_database_key(bind.engine), version_id)
        cached = self._versions.get(key)
        if cached is not None:
            return cached
        row = session.get(ProcessVersion, version_id)
        if row is None:
            raise UnknownProcessError(f"No process version {version_id}.", version_id=version_id)
        bundle = self.bundle(session, row.deployment_id)
        loaded = LoadedVersion(VersionRef.of(row), bundle.processes[row.process_id], bundle)
        with self._lock:
            self._versions[key] = loaded
        return loaded

    def bundle(self, session: Session, deployment_id: int) -> CompiledBundle:
        """The compiled bundle of a deployment, rebuilt from its stored files."""
        deployment = session.get(Deployment, deployment_id)
        if deployment is None:
            raise UnknownProcessError(f"No deployment {deployment_id}.")
        cached = self._bundles.get(deployment.content_hash)
        cached = cached or self._stored.get(deployment.content_hash)
        if cached is not None:
            return cached
        rows = session.exec(
            select(DeploymentFile).where(DeploymentFile.deployment_id == deployment_id)
        ).all()
        files = [SourceFile(r.name, r.content) for r in rows]
        report, bundle = self.validate(files)
        if bundle is not None:
            return bundle
        # Deployed before a rule that refuses it now (a task without a deadline): its running
        # cases go on as it was when it went live; it cannot be deployed again as it is.
        report, bundle = validate_files(
            files,
            max_instances=self.max_instances,
            text_max_length=self.text_max_length,
            stored=True,
        )
        if bundle is None:
            raise InvalidDiagramError(
                f"{len(report.errors)} problem(s) in the diagrams", problems=report.errors
            )
        with self._lock:
            self._stored[deployment.content_hash] = bundle
        return bundle

    @staticmethod
    def versions(session: Session, process_id: str | None = None) -> list[ProcessVersion]:
        """Every deployed version, newest first (of one process when given)."""
        query = select(ProcessVersion)
        if process_id is not None:
            query = query.where(ProcessVersion.process_id == process_id)
        query = query.order_by(col(ProcessVersion.process_id), col(ProcessVersion.version).desc())
        return list(session.exec(query).all())

    @staticmethod
    def latest_versions(session: Session) -> list[ProcessVersion]:
        """The newest version of every process."""
        newest = (
            select(ProcessVersion.process_id, func.max(ProcessVersion.version).label("v"))
            .group_by(col(ProcessVersion.process_id))
            .subquery()
        )
        query = (
            select(ProcessVersion)
            .join(
                newest,
                (col(ProcessVersion.process_id) == newest.c.process_id)
                & (col(ProcessVersion.version) == newest.c.v),
            )
            .order_by(col(ProcessVersion.process_id))
        )
        return list(session.exec(query).all())


_DATABASE_KEYS: weakref.WeakKeyDictionary[Database, str] = weakref.WeakKeyDictionary()


def _database_key(engine: Database) -> str:
    """Which database an engine reads: its URL, rendered once per engine (a URL object
    renders itself again to be hashed, and every step looks up its version)."""
    key = _DATABASE_KEYS.get(engine)
    if key is None:
        key = _DATABASE_KEYS[engine] = engine.url.render_as_string(hide_password=False)
    return key
