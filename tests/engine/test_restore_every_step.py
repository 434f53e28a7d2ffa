"""The scenarios also pass when each step restores its case from the database
(NRM_WORKFLOW_CACHE=0): saved state alone carries a case, whatever the cache keeps.

The run takes nrm_case.feature: its cases go through every SOP as call activities (each
sub-process saved and restored at every step, with its event sub-processes and boundary
timers), at about a third of the cost of every feature a second time (make test stays
under ten minutes). The other features run with the cache in tests/features."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine.config import load_settings
from engine.facade import Engine
from tests.engine.test_cases import REPORT

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.gate
def test_the_case_scenarios_pass_with_no_workflow_cache(tmp_path: Path) -> None:
    features = tmp_path / "features"
    features.mkdir()
    shutil.copy(ROOT / "features" / "nrm_case.feature", features)
    env = {
        **os.environ,
        "NRM_WORKFLOW_CACHE": "0",
        "NRM_REPORTS_DIR": str(tmp_path),
        "NRM_FEATURES_DIR": str(features),
    }
    env.pop("NRM_TEST_DATABASE_URL", None)  # a scratch SQLite database each scenario
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/features", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert " passed" in run.stdout and "failed" not in run.stdout
    assert (tmp_path / "scenarios.json").exists()


def test_cache_size_comes_from_the_environment() -> None:
    assert load_settings({}).workflow_cache == 256
    assert load_settings({"NRM_WORKFLOW_CACHE": "0"}).workflow_cache == 0
    assert load_settings({"NRM_WORKFLOW_CACHE": "-3"}).workflow_cache == 0


def test_an_engine_without_cache_restores_each_step(simple_engine: Engine) -> None:
    from engine.store import WorkflowCache

    simple_engine.ctx.cache = WorkflowCache(0)
    started = simple_engine.start_case("simple", REPORT, agency="border", actor="border")
    assert simple_engine.ctx.cache.get(started.case.id, 1) is None
    done = simple_engine.complete_task(
        started.opened[0].id,
        {"screening_result": "presumed_victim", "screening_date": "2026-03-01"},
        actor="police",
        agency="police",
    )
    assert done.completed is not None
    assert simple_engine.ctx.cache.get(done.case.id, done.case.version) is None
