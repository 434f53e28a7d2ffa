"""Every diagram in bpmn/ opens in a bpmn.io-based modeler without warnings and keeps every
element id through an import and export (bpmn-moddle, the modeler's own model layer).

Needs Node.js and `npm ci --prefix tests/modeler` (done by `make install`); without them
the test fails, it never skips.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCRIPT = HERE / "roundtrip.mjs"
DIAGRAMS = sorted((ROOT / "bpmn").glob("*.bpmn"))


def roundtrip(path: Path) -> dict[str, Any]:
    """The round-trip result of one file, as roundtrip.mjs reports it."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed: it is needed to check diagrams in bpmn-moddle")
    if not (HERE / "node_modules" / "bpmn-moddle").is_dir():
        pytest.fail("bpmn-moddle is missing: run `make install` (npm ci --prefix tests/modeler)")
    done = subprocess.run(
        [node, str(SCRIPT), "--json", str(path)],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode not in (0, 1):
        pytest.fail(f"roundtrip.mjs failed on {path.name}: {done.stderr.strip()}")
    [result] = json.loads(done.stdout)
    assert isinstance(result, dict)
    return result


def problems(result: dict[str, Any]) -> list[str]:
    """What went wrong for one file, one line each (empty when it round-trips cleanly)."""
    lines = [f"error: {e}" for e in result["errors"]]
    lines += [f"warning: {w}" for w in result["warnings"]]
    if result["lost_on_import"]:
        lines.append("lost on import: " + ", ".join(result["lost_on_import"]))
    if result["lost_on_export"]:
        lines.append("lost on export: " + ", ".join(result["lost_on_export"]))
    return lines


def test_the_project_has_diagrams_to_check() -> None:
    assert DIAGRAMS, "no .bpmn file in bpmn/"


@pytest.mark.parametrize("path", DIAGRAMS, ids=lambda p: p.name)
def test_diagram_round_trips_through_bpmn_moddle(path: Path) -> None:
    result = roundtrip(path)
    found = problems(result)
    assert not found, f"{path.name} does not round-trip in bpmn-moddle:\n  " + "\n  ".join(found)
    assert result["ids"] > 0


def test_roundtrip_names_lost_ids_and_warnings() -> None:
    """The check itself: an unknown element is lost and an unresolved reference warned about."""
    result = roundtrip(HERE / "fixtures" / "lossy.bpmn")
    assert result["lost_on_import"] == ["task_unknown"]
    assert any("unresolved reference <items>" in w for w in result["warnings"])
    assert any("madeUpTask" in w for w in result["warnings"])
