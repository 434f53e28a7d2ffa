"""The engine's methods for policy staff: versions, their differences, moving open cases.

A mixin of `engine.facade.Engine`, kept apart so the facade stays small. Plain
dataclasses in and out; errors from `engine.errors`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Engine as Database
from sqlmodel import Session

from engine import migration, versions
from engine.context import EngineContext
from engine.db import read_session
from engine.library import LoadedVersion
from engine.migration import CaseMigrationPreview, MigrationResult
from engine.unit import UnitOfWork
from engine.versions import VersionDiff, VersionInfo


class ProcessVersions(UnitOfWork):
    """Versions of a process, what changed between two, and migration of open cases."""

    db: Database
    ctx: EngineContext

    def process_versions(self, process_id: str) -> list[VersionInfo]:
        """Every deployed version of a process, newest first, with its open cases."""
        with read_session(self.db) as session:
            return versions.list_versions(session, process_id)

    def diff_versions(self, process_id: str, from_version: int, to_version: int) -> VersionDiff:
        """Elements added, removed and changed (and form files) between two versions."""
        with read_session(self.db) as session:
            old = self._loaded(session, process_id, from_version)
            new = self._loaded(session, process_id, to_version)
            return versions.diff(self.ctx.serializer.registry, old, new)

    def migration_preview(self, process_id: str, to_version: int) -> list[CaseMigrationPreview]:
        """For every open case on an older version: can it move to `to_version`, and why not."""
        with read_session(self.db) as session:
            return migration.preview(
                self.ctx, session, process_id=process_id, to_version=to_version
            )

    def migrate_cases(
        self, case_ids: Sequence[str], to_version: int, *, actor: str
    ) -> MigrationResult:
        """Move cases to `to_version` in one transaction; MigrationRefusedError moves none."""
        return self._write(
            lambda s: migration.migrate_cases(
                self.ctx, s, case_ids=case_ids, to_version=to_version, actor=actor
            )
        )

    def _loaded(self, session: Session, process_id: str, number: int) -> LoadedVersion:
        row = versions.version_row(session, process_id, number)
        assert row.id is not None
        return self.ctx.library.version(session, row.id)
