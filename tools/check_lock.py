"""Refuse to install when pyproject.toml lists a package that requirements.lock does not pin
(`make install` runs this first): `python3 tools/check_lock.py pyproject.toml requirements.lock`.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==")


def normalise(name: str) -> str:
    """A package name as the package index compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def listed(pyproject: Path) -> set[str]:
    """The packages pyproject.toml depends on, with every optional group."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {}).values()
    wanted = [*project.get("dependencies", []), *(r for group in extras for r in group)]
    return {normalise(m[1]) for r in wanted if (m := _NAME.match(r))}


def pinned(lock: Path) -> set[str]:
    """The packages the lock file pins (`name==version` lines)."""
    lines = lock.read_text(encoding="utf-8").splitlines()
    return {normalise(m[1]) for line in lines if (m := _PIN.match(line))}


def main(argv: list[str]) -> int:
    """0 when the lock pins every listed package; else 1 and one line naming the missing."""
    pyproject, lock = Path(argv[1]), Path(argv[2])
    missing = sorted(listed(pyproject) - pinned(lock))
    if missing:
        sys.stderr.write(
            f"{lock} does not pin {', '.join(missing)}, which {pyproject} lists: run "
            f"`make lock` and commit {lock}.\n"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
