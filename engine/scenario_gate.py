"""The scenario gate: before a new version goes live, the feature files of the processes it
changes run against it, in a child pytest on a scratch copy of the candidate library.

The child runs the scenario suite installed with the application (`scenario_suite`: step
definitions, database fixtures, the module binding the features), pointed at the copy by
NRM_BPMN_DIR/NRM_FORMS_DIR, limited to the chosen features by NRM_FEATURES_DIR, on scratch
SQLite databases, writing its results to NRM_REPORTS_DIR; it needs no checkout of the
repository and the engine never imports the suite. `features/<process_id>.feature` holds a
process's scenarios.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Protocol

from engine.config import ROOT
from engine.coverage import ScenarioRecord, from_json
from engine.errors import GateUnavailableError, InvalidDiagramError, Problem
from engine.sources import SourceFile

SUITE = "scenario_suite"
DEFAULT_TIMEOUT = 300.0
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$")
_ERROR_CHARS = 800
_OUTPUT_CHARS = 3000
# Only what the child needs: the test database is its own scratch SQLite file.
_DROPPED = ("NRM_TEST_DATABASE_URL", "NRM_DATABASE_URL", "PYTEST_ADDOPTS")


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario's result; a failed one names its first failing step and the error."""

    feature: str
    scenario: str
    status: str  # passed | failed
    step: str | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return {
            "feature": self.feature,
            "scenario": self.scenario,
            "status": self.status,
            "step": self.step,
            "error": self.error,
        }


@dataclass(frozen=True)
class GateReport:
    """What the gate checked for a candidate library and what it found."""

    processes: tuple[str, ...]  # processes the candidate changes
    features: tuple[str, ...] = ()  # feature files that ran
    untested: tuple[str, ...] = ()  # changed processes without a feature file
    scenarios: tuple[ScenarioResult, ...] = ()
    seconds: float = 0.0
    problem: str | None = None  # the run itself failed: timeout, crash, no results
    skipped: str | None = None  # why no scenario ran on purpose

    @property
    def failed(self) -> tuple[ScenarioResult, ...]:
        """The scenarios that failed."""
        return tuple(s for s in self.scenarios if s.status != "passed")

    @property
    def passed(self) -> bool:
        """True when the candidate may go live."""
        return self.problem is None and not self.failed

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output and the audit trail."""
        return {
            "passed": self.passed,
            "processes": list(self.processes),
            "features": list(self.features),
            "untested": list(self.untested),
            "scenarios_run": len(self.scenarios),
            "failed": [s.as_dict() for s in self.failed],
            "seconds": round(self.seconds, 1),
            "problem": self.problem,
            "skipped": self.skipped,
        }

    def lines(self) -> list[str]:
        """A readable report, one line per fact, failing scenarios first."""
        return gate_lines(self.as_dict())


def gate_lines(gate: Mapping[str, Any]) -> list[str]:
    """A gate report (`GateReport.as_dict()`, as a deployment job keeps it) in readable
    lines, one per fact, failing scenarios first."""
    failed = gate.get("failed") or []
    out = [
        f"FAILED {s['feature']}: {s['scenario']}\n  at: {s['step']}\n  {s['error']}" for s in failed
    ]
    if gate.get("problem"):
        out.append(f"the scenarios could not be run: {gate['problem']}")
    if gate.get("skipped"):
        out.append(f"scenarios skipped: {gate['skipped']}")
    if gate.get("features"):
        out.append(
            f"{gate.get('scenarios_run', 0)} scenario(s) of {', '.join(gate['features'])}: "
            f"{len(failed)} failed ({gate.get('seconds', 0.0):.1f} s)"
        )
    out += [f"no feature file for {p} (features/{p}.feature)" for p in gate.get("untested", [])]
    return out


Results = tuple[ScenarioResult, ...]


class Gate(Protocol):
    """Decides whether a candidate library may go live, given the processes it changes."""

    def check(self, files: Sequence[SourceFile], processes: Sequence[str], /) -> GateReport:
        """The report on the candidate `files` (the complete library after the change)."""
        ...


@dataclass(frozen=True)
class SkipScenarios:
    """No scenario runs, for a recorded reason (`nrm deploy --skip-scenarios --reason`)."""

    reason: str

    def check(self, _files: Sequence[SourceFile], processes: Sequence[str], /) -> GateReport:
        """A report that says why nothing ran."""
        return GateReport(tuple(processes), skipped=self.reason)


@dataclass(frozen=True)
class ScenarioGate:
    """Runs the features of the changed processes against the candidate in a child pytest.

    `features` are feature files sent with the candidate (by file name); they win over
    the ones in `features_dir`.
    """

    features_dir: Path = ROOT / "features"
    features: Mapping[str, bytes] = field(default_factory=dict)
    suite: str = SUITE  # the installed package of steps (its modules run, database, steps)
    timeout: float = DEFAULT_TIMEOUT
    python: str = sys.executable

    def check(self, files: Sequence[SourceFile], processes: Sequence[str]) -> GateReport:
        """Run the chosen features; a report of every scenario (nothing runs without one)."""
        chosen = {p: text for p in processes if (text := self._feature(p)) is not None}
        untested = tuple(p for p in processes if p not in chosen)
        if not chosen:
            return GateReport(tuple(processes), untested=untested)
        features = {f"{p}.feature": t for p, t in chosen.items()}
        problem, results, seconds = self.run_features(files, features)
        return GateReport(
            tuple(processes),
            tuple(sorted(features)),
            untested,
            results,
            seconds,
            problem,
        )

    @property
    def available(self) -> bool:
        """True when the scenario suite and pytest-bdd are installed here."""
        return find_spec(self.suite) is not None and find_spec("pytest_bdd") is not None

    def run_features(
        self,
        files: Sequence[SourceFile],
        features: Mapping[str, bytes],
        *,
        keep_report: Path | None = None,
    ) -> tuple[str | None, Results, float]:
        """Run these feature files (by name) against the library `files` in a child pytest on
        a scratch directory: why the run says nothing reliable (None when its results stand),
        each scenario's result, and the seconds it took. With `keep_report`, the scenario
        report the run wrote (results and path coverage) replaces `keep_report/scenarios.json`
        (the reviewers' scenarios page reads it)."""
        if not self.available:
            raise GateUnavailableError(
                f"The scenario suite ({self.suite}, pytest-bdd) is not installed here; install "
                "the application with its dependencies, or skip the scenarios with a recorded "
                "reason."
            )
        with tempfile.TemporaryDirectory(prefix="nrm-gate-") as scratch:
            root = Path(scratch)
            env = _prepare(root, files, features)
            started = time.monotonic()
            problem, results = self._run(root, env)
            seconds = time.monotonic() - started
            written = root / "reports" / "scenarios.json"
            if keep_report is not None and written.is_file():
                keep_report.mkdir(parents=True, exist_ok=True)
                kept = keep_report / "scenarios.json"
                partial = kept.with_suffix(".json.partial")
                shutil.copyfile(written, partial)
                partial.replace(kept)  # readers see the old report or the new, never half
        return problem, results, seconds

    def _feature(self, process_id: str) -> bytes | None:
        name = f"{process_id}.feature"
        if name in self.features:
            return self.features[name]
        path = self.features_dir / name
        return path.read_bytes() if path.is_file() else None

    def _run(
        self, root: Path, env: dict[str, str]
    ) -> tuple[str | None, tuple[ScenarioResult, ...]]:
        # Its own ini, base temporary directory and no cache, all in the scratch directory:
        # gates running at once (or beside a test run) share nothing.
        (root / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        command = [
            *(self.python, "-m", "pytest", "--pyargs", f"{self.suite}.run", "-q"),
            *("-c", str(root / "pytest.ini"), "--rootdir", str(root), "-p", "no:cacheprovider"),
            *("-p", "pytest_bdd.plugin", "-p", f"{self.suite}.database"),
            *("-p", f"{self.suite}.steps", f"--basetemp={root / 'pytest'}"),
        ]
        try:
            done = subprocess.run(
                command, env=env, cwd=root, capture_output=True, text=True, timeout=self.timeout
            )
        except subprocess.TimeoutExpired:
            return f"the scenarios did not finish within {self.timeout:g} s", ()
        results = _results(root / "reports" / "scenarios.json")
        return _verdict(done.returncode, results, done.stdout + done.stderr), results


def _prepare(
    root: Path, files: Sequence[SourceFile], features: Mapping[str, bytes]
) -> dict[str, str]:
    """Write the candidate and the chosen features under `root`; the child's environment."""
    dirs = {name: root / name for name in ("bpmn", "forms", "features", "reports")}
    for path in dirs.values():
        path.mkdir()
    for f in files:
        target = dirs["forms"] if f.kind == "form" else dirs["bpmn"]
        (target / _safe(f.name)).write_bytes(f.content)
    for name, text in features.items():
        (dirs["features"] / _safe(name)).write_bytes(text)
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update(
        NRM_BPMN_DIR=str(dirs["bpmn"]),
        NRM_FORMS_DIR=str(dirs["forms"]),
        NRM_FEATURES_DIR=str(dirs["features"]),
        NRM_REPORTS_DIR=str(dirs["reports"]),
        PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",  # pytest-bdd only: starts in half the time
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _safe(name: str) -> str:
    """A plain file name (no folder, no leading dot), or InvalidDiagramError."""
    if not _SAFE_NAME.match(name):
        raise InvalidDiagramError(
            f"{name!r} is not a plain file name.",
            problems=[Problem(f"{name!r} is not a plain file name.", file=name[:255])],
        )
    return name


def _results(path: Path) -> Results:
    """The scenarios the child recorded (none when it wrote no report)."""
    if not path.is_file():
        return ()
    _coverage, records = from_json(path.read_text(encoding="utf-8"))
    return tuple(_result(r) for r in records)


def _result(record: ScenarioRecord) -> ScenarioResult:
    """The recorder writes a failure as `<keyword> <step text>: <exception>`."""
    if record.status == "passed" or not record.error:
        return ScenarioResult(record.feature, record.name, record.status)
    step, _, error = record.error.partition(": ")
    return ScenarioResult(
        record.feature, record.name, record.status, step.strip(), error.strip()[:_ERROR_CHARS]
    )


def _verdict(code: int, results: Sequence[ScenarioResult], output: str) -> str | None:
    """Why the run says nothing reliable about the scenarios (None: the results stand)."""
    failed = any(r.status != "passed" for r in results)
    if code == 0 and results:
        return None
    if code == 1 and failed:
        return None
    if code == 5 or (code == 0 and not results):
        return "the feature files hold no scenario"
    return f"pytest exited with code {code}: ...{output[-_OUTPUT_CHARS:]}"
