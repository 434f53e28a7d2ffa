"""Branches that each add texts to forms/i18n/*.json merge by key (tools/merge_i18n.py, the
repository's git merge driver for those files); the same text changed two ways is a conflict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "tools" / "merge_i18n.py"
BASE = {"language": "en", "ui": {"a": "A", "b": "B"}, "forms": {"x": "X", "y": "Y"}}


def merge(tmp_path: Path, ours: dict[str, Any], theirs: dict[str, Any]) -> tuple[int, Any]:
    paths = []
    for name, doc in (("base", BASE), ("ours", ours), ("theirs", theirs)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(str(path))
    done = subprocess.run([sys.executable, str(DRIVER), *paths], capture_output=True, text=True)
    return done.returncode, json.loads(Path(paths[1]).read_text(encoding="utf-8"))


def test_texts_added_on_both_sides_are_all_kept_in_order(tmp_path: Path) -> None:
    ours = {**BASE, "forms": {"x": "X", "o": "О", "y": "Y"}}
    theirs = {
        **BASE,
        "ui": {"a": "A", "t": "T", "b": "B2"},
        "forms": {"x": "X", "y": "Y", "z": "Z"},
    }
    code, merged = merge(tmp_path, ours, theirs)
    assert code == 0
    assert list(merged["ui"].items()) == [("a", "A"), ("t", "T"), ("b", "B2")]
    assert list(merged["forms"].items()) == [("x", "X"), ("o", "О"), ("y", "Y"), ("z", "Z")]


def test_a_text_removed_on_one_side_goes(tmp_path: Path) -> None:
    code, merged = merge(tmp_path, {**BASE, "ui": {"a": "A"}}, {**BASE, "forms": {"x": "X"}})
    assert code == 0
    assert merged["ui"] == {"a": "A"} and merged["forms"] == {"x": "X"}


def test_one_text_changed_two_ways_is_a_conflict(tmp_path: Path) -> None:
    code, merged = merge(
        tmp_path, {**BASE, "ui": {"a": "A1", "b": "B"}}, {**BASE, "ui": {"a": "A2", "b": "B"}}
    )
    assert code == 1
    assert merged["ui"]["a"] == "A1"
