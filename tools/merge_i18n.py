"""Git merge driver for the catalogues in forms/i18n/*.json: merges by key, not by line.

Two branches that each add their own texts both add lines at the same places of the same three
files, so a line merge conflicts on nearly every pair of changes. Here each section (`ui`,
`forms`, ...) is merged key by key against the common ancestor: a key added, changed or removed
on one side only takes that side; a key both sides changed to different texts is a real
conflict and the driver exits 1 with the file left as ours and the keys named, for a person to
settle. Keys keep our order; a key only the other side added goes after the key it follows there.

    git config merge.i18n.driver "python3 tools/merge_i18n.py %O %A %B"   (make install-test)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

MISSING = object()


def _read(path: str) -> dict[str, Any]:
    text = Path(path).read_text(encoding="utf-8")
    return json.loads(text) if text.strip() else {}


def _merge(base: Any, ours: Any, theirs: Any, where: str, conflicts: list[str]) -> Any:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    if not (isinstance(base, dict) and isinstance(ours, dict) and isinstance(theirs, dict)):
        conflicts.append(where)
        return ours
    merged: dict[str, Any] = {}
    for key, value in ours.items():
        kept = _merge(
            base.get(key, MISSING), value, theirs.get(key, MISSING), f"{where}/{key}", conflicts
        )
        if kept is not MISSING:
            merged[key] = kept
    previous = None
    for key, value in theirs.items():
        if key not in ours and key not in base:
            merged = _insert_after(merged, previous, key, value)
        if key in merged:
            previous = key
    return merged


def _insert_after(
    items: dict[str, Any], previous: str | None, key: str, value: Any
) -> dict[str, Any]:
    if previous is None:
        return {key: value, **items}
    out: dict[str, Any] = {}
    for k, v in items.items():
        out[k] = v
        if k == previous:
            out[key] = value
    return out


def main(base_path: str, ours_path: str, theirs_path: str) -> int:
    conflicts: list[str] = []
    merged = _merge(_read(base_path), _read(ours_path), _read(theirs_path), "", conflicts)
    if merged is MISSING:
        merged = {}
    if conflicts:
        sys.stderr.write("i18n merge: both sides changed " + ", ".join(conflicts) + "\n")
        return 1
    text = json.dumps(merged, indent=1, ensure_ascii=False) + "\n"
    Path(ours_path).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
