"""Source files of a deployment: diagrams (.bpmn), decision tables (.dmn), forms (.json)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

KINDS = {".bpmn": "bpmn", ".dmn": "dmn", ".json": "form"}


@dataclass(frozen=True)
class SourceFile:
    """One file by its base name, with its bytes."""

    name: str
    content: bytes

    @property
    def kind(self) -> str | None:
        """`bpmn`, `dmn`, `form`, or None for a file the library ignores."""
        return KINDS.get(Path(self.name).suffix.lower())

    @property
    def digest(self) -> str:
        """SHA-256 of the content."""
        return hashlib.sha256(self.content).hexdigest()


def content_hash(files: Iterable[SourceFile]) -> str:
    """One hash for a set of files, independent of their order."""
    h = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.name):
        h.update(f.name.encode() + b"\0" + f.digest.encode() + b"\n")
    return h.hexdigest()


def read_paths(paths: Iterable[Path]) -> list[SourceFile]:
    """Files (or every known file in directories) as SourceFiles, by base name."""
    found: dict[str, SourceFile] = {}
    for path in paths:
        candidates = sorted(path.iterdir()) if path.is_dir() else [path]
        for candidate in candidates:
            if candidate.is_file() and candidate.suffix.lower() in KINDS:
                found[candidate.name] = SourceFile(candidate.name, candidate.read_bytes())
    return list(found.values())


def read_library(bpmn_dir: Path, forms_dir: Path) -> list[SourceFile]:
    """The process library on disk: every diagram and decision table, and every form."""
    paths = [p for p in (bpmn_dir, forms_dir) if p.exists()]
    return read_paths(paths)
