"""`make install` refuses a pyproject.toml that lists a package requirements.lock does not pin
(tools/check_lock.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "tools" / "check_lock.py"


def check(pyproject: Path, lock: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), str(pyproject), str(lock)], capture_output=True, text=True
    )


def test_the_repository_lock_pins_every_package_pyproject_lists() -> None:
    done = check(ROOT / "pyproject.toml", ROOT / "requirements.lock")
    assert done.returncode == 0, done.stderr


def test_a_package_missing_from_the_lock_is_named_with_the_fix(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace("dependencies = [\n", 'dependencies = [\n    "nrm-unlocked>=1",\n', 1),
        encoding="utf-8",
    )
    done = check(pyproject, ROOT / "requirements.lock")
    assert done.returncode == 1
    assert done.stderr == (
        f"{ROOT / 'requirements.lock'} does not pin nrm-unlocked, which {pyproject} lists: "
        f"run `make lock` and commit {ROOT / 'requirements.lock'}.\n"
    )


def test_names_compare_as_the_package_index_does(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["Jinja2>=3", "psycopg[binary]>=3.1",'
        " \"uvloop>=0.19; sys_platform != 'win32'\"]\n"
        '[project.optional-dependencies]\ntest = ["lxml_stubs"]\n',
        encoding="utf-8",
    )
    (tmp_path / "requirements.lock").write_text(
        "jinja2==3.1.6\n    # via x\npsycopg==3.2\nuvloop==0.21 ; sys_platform != 'win32'\n"
        "lxml-stubs==0.5.1\n",
        encoding="utf-8",
    )
    done = check(tmp_path / "pyproject.toml", tmp_path / "requirements.lock")
    assert done.returncode == 0, done.stderr
