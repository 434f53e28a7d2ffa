"""Deployed versions of a process: list them, and say what changed from one to another."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from engine.definitions import CompiledBundle, ProcessDefinition
from engine.errors import UnknownProcessError
from engine.library import LoadedVersion, ProcessLibrary
from engine.models import Case, CaseStatus, ProcessVersion
from engine.spiff.compare import SpecElement, compare, element, elements


@dataclass(frozen=True)
class VersionInfo:
    """One deployed version of a process and how many open cases still run on it."""

    process_id: str
    version: int
    name: str
    content_hash: str
    deployed_at: datetime
    deployed_by: str
    open_cases: int


@dataclass(frozen=True)
class ElementRef:
    """An element of a process (or of a sub-process it calls or embeds)."""

    process_id: str
    element_id: str
    name: str
    kind: str


@dataclass(frozen=True)
class ElementChange:
    """An element kept under the same id whose aspects changed (name, lane, form, timer, ...)."""

    process_id: str
    element_id: str
    name: str
    kind: str
    changes: tuple[str, ...]


@dataclass(frozen=True)
class FormChange:
    """A form file the process uses that was added, removed or changed."""

    form: str
    change: str  # added | removed | changed


@dataclass(frozen=True)
class VersionDiff:
    """What a policy officer needs to know before moving cases from one version to another."""

    process_id: str
    from_version: int
    to_version: int
    added: tuple[ElementRef, ...]
    removed: tuple[ElementRef, ...]
    changed: tuple[ElementChange, ...]
    forms: tuple[FormChange, ...]


def version_row(session: Session, process_id: str, number: int) -> ProcessVersion:
    """A process version by its number, or UnknownProcessError."""
    row = session.exec(
        select(ProcessVersion).where(
            ProcessVersion.process_id == process_id, ProcessVersion.version == number
        )
    ).first()
    if row is None or row.id is None:
        raise UnknownProcessError(
            f"Process {process_id!r} has no version {number}.", process_id=process_id
        )
    return row


def list_versions(session: Session, process_id: str) -> list[VersionInfo]:
    """Every version of a process, newest first, with its count of open cases."""
    rows = ProcessLibrary.versions(session, process_id)
    if not rows:
        raise UnknownProcessError(
            f"No deployed process has the id {process_id!r}.", process_id=process_id
        )
    counts = dict(
        session.exec(
            select(Case.process_version_id, func.count())
            .where(Case.process_id == process_id, Case.status == CaseStatus.OPEN)
            .group_by(col(Case.process_version_id))
        ).all()
    )
    return [
        VersionInfo(
            process_id=r.process_id,
            version=r.version,
            name=r.name,
            content_hash=r.content_hash,
            deployed_at=r.deployed_at,
            deployed_by=r.deployed_by,
            open_cases=int(counts.get(r.id or 0, 0)),
        )
        for r in rows
    ]


def _scopes(definition: ProcessDefinition) -> dict[str, Any]:
    """The process spec and every sub-process spec it calls or embeds, by process id."""
    return {definition.process_id: definition.spec, **definition.subprocess_specs}


def _ref(process_id: str, e: SpecElement) -> ElementRef:
    return ElementRef(process_id, e.element_id, e.name, e.kind)


def _diagram_changes(
    old: CompiledBundle, new: CompiledBundle, scope: str, element_id: str
) -> set[str]:
    """Lane and form by id, as the engine maps them (Spiff knows the lane by name only)."""
    a, b = old.task(scope, element_id), new.task(scope, element_id)
    if a is None or b is None:
        return set()
    return {k for k, x, y in (("lane", a.lane_id, b.lane_id), ("form", a.form, b.form)) if x != y}


def _forms(loaded: LoadedVersion) -> dict[str, str]:
    """Form file -> content digest, for every form the process and its sub-processes use."""
    scopes = _scopes(loaded.definition)
    names = {info.form for (scope, _), info in loaded.bundle.tasks.items() if scope in scopes}
    names.add(loaded.definition.start_form)
    files = (loaded.bundle.file(n) for n in names if n)
    return {f.name: f.digest for f in files if f is not None}


def form_changes(old: LoadedVersion, new: LoadedVersion) -> tuple[FormChange, ...]:
    """Forms added, removed or changed in content between two versions."""
    a, b = _forms(old), _forms(new)
    changes = [FormChange(n, "added") for n in b.keys() - a.keys()]
    changes += [FormChange(n, "removed") for n in a.keys() - b.keys()]
    changes += [FormChange(n, "changed") for n in a.keys() & b.keys() if a[n] != b[n]]
    return tuple(sorted(changes, key=lambda c: c.form))


def diff(registry: Any, old: LoadedVersion, new: LoadedVersion) -> VersionDiff:
    """Elements added, removed and changed between two loaded versions of one process."""
    added: list[ElementRef] = []
    removed: list[ElementRef] = []
    changed: list[ElementChange] = []
    before, after = _scopes(old.definition), _scopes(new.definition)
    for scope in sorted(before.keys() | after.keys()):
        found = compare(registry, before.get(scope), after.get(scope))
        added += [_ref(scope, e) for e in found.added]
        removed += [_ref(scope, e) for e in found.removed]
        aspects = {e.element_id: set(c) for e, c in found.changed}
        kept = elements(before.get(scope)).keys() & elements(after.get(scope)).keys()
        for element_id in kept:
            aspects.setdefault(element_id, set()).update(
                _diagram_changes(old.bundle, new.bundle, scope, element_id)
            )
        now = elements(after.get(scope))
        changed += [
            ElementChange(scope, i, e.name, e.kind, tuple(sorted(aspects[i])))
            for i in sorted(aspects)
            if aspects[i]
            for e in [element(now[i])]
        ]
    return VersionDiff(
        process_id=new.definition.process_id,
        from_version=old.version.version,
        to_version=new.version.version,
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        forms=form_changes(old, new),
    )
