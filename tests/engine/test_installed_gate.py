"""A production install (`pip install .`, no tests/, no checkout) migrates a database and
deploys behind the scenario gate: the scenario suite ships with the application."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.library import GATE_FIXTURES

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("pyproject.toml", "README.md", "engine", "api", "forms", "scenario_suite")


def run(*command: str | Path, env: dict[str, str] | None = None, cwd: Path) -> str:
    done = subprocess.run(
        [str(c) for c in command], env=env, cwd=cwd, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def install(tmp_path: Path) -> Path:
    """The application as `pip install .` lays it out (built as pip builds it), in a new
    virtualenv whose dependencies are this one's (a path file); its bin directory."""
    source = tmp_path / "source"
    source.mkdir()
    for name in SHIPPED:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(path, source / name)
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    purelib = run(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path
    )
    (Path(purelib.strip()) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(
        sys.executable,
        *("-m", "pip", "--python", python, "install", "--quiet", "--no-deps"),
        source,
        cwd=tmp_path,
    )
    return target / "bin"


@pytest.mark.gate
def test_an_installed_application_without_tests_deploys_behind_its_scenarios(
    tmp_path: Path,
) -> None:
    bin_dir = install(tmp_path)
    where = run(
        bin_dir / "python",
        "-c",
        "import scenario_suite; print(scenario_suite.__file__)",
        cwd=tmp_path,
    )
    assert where.startswith(str(tmp_path / "venv")), where
    features = tmp_path / "features"
    features.mkdir()
    shutil.copy(GATE_FIXTURES / "referral.feature", features / "referral.feature")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("NRM_", "PYTEST_"))},
        "NRM_DATABASE_URL": f"sqlite:///{tmp_path / 'nrm.db'}",
        "NRM_BPMN_DIR": str(ROOT / "bpmn"),
        "NRM_FORMS_DIR": str(ROOT / "forms" / "schemas"),
        "NRM_FEATURES_DIR": str(features),
    }
    run(bin_dir / "nrm", "migrate", env=env, cwd=tmp_path)
    output = run(bin_dir / "nrm", "deploy", env=env, cwd=tmp_path)
    assert "1 scenario(s) of referral.feature: 0 failed" in output, output
    assert "deployed referral version 1" in output
