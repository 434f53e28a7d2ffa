"""A pytest plugin that records each scenario's result and BPMN path, and writes the
path-coverage reports (reports/scenarios.json, .md, .html) at the end of the run."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from engine.config import Settings, load_settings
from engine.coverage import ScenarioRecord, build_report, uncovered, write_reports
from engine.library import ProcessLibrary
from engine.sources import read_library

REPORTS = Path(__file__).resolve().parents[1] / "reports"
# The scenario gate (engine/scenario_gate.py) runs the scenarios on candidate diagrams in
# a child pytest: these variables name its library and where its reports go.
# NRM_WORKFLOW_CACHE=0 runs them with every step restored from the database
# (tests/engine/test_restore_every_step.py).
LIBRARY_VARIABLES = ("NRM_BPMN_DIR", "NRM_FORMS_DIR", "NRM_WORKFLOW_CACHE")


def with_library_from_env(settings: Settings) -> Settings:
    """The settings with the diagram and form folders NRM_BPMN_DIR/NRM_FORMS_DIR name, and the
    workflow cache NRM_WORKFLOW_CACHE sets, if set."""
    chosen = load_settings({k: os.environ[k] for k in LIBRARY_VARIABLES if k in os.environ})
    return replace(
        settings,
        bpmn_dir=chosen.bpmn_dir,
        forms_dir=chosen.forms_dir,
        workflow_cache=chosen.workflow_cache,
    )


def reports_dir() -> Path:
    """Where the reports go: NRM_REPORTS_DIR, else reports/ of the repository."""
    return Path(os.environ.get("NRM_REPORTS_DIR") or REPORTS)


WORKER_RECORDS = "nrm_scenario_records"


def _record(raw: dict[str, Any]) -> ScenarioRecord:
    """A record as a worker sent it (JSON turned its pairs into lists)."""
    return ScenarioRecord(
        **{
            **raw,
            "flows": [tuple(f) for f in raw["flows"]],
            "elements": [tuple(e) for e in raw["elements"]],
        }
    )


class Recorder:
    """Collects one ScenarioRecord per scenario run."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.records: list[ScenarioRecord] = []
        self.failed: dict[str, str] = {}

    @pytest.hookimpl
    def pytest_bdd_step_error(
        self, request: pytest.FixtureRequest, step: Any, exception: Exception
    ) -> None:
        """Remember the first failing step of a scenario."""
        self.failed.setdefault(request.node.nodeid, f"{step.keyword} {step.name}: {exception}")

    @pytest.hookimpl
    def pytest_bdd_step_func_lookup_error(
        self, request: pytest.FixtureRequest, step: Any, exception: Exception
    ) -> None:
        """A step with no definition fails the scenario too."""
        self.failed.setdefault(request.node.nodeid, f"{step.keyword} {step.name}: {exception}")

    @pytest.hookimpl
    def pytest_bdd_after_scenario(
        self, request: pytest.FixtureRequest, feature: Any, scenario: Any
    ) -> None:
        """Record the scenario's result and the elements and flows its cases took."""
        error = self.failed.get(request.node.nodeid)
        record = ScenarioRecord(
            feature=Path(feature.filename).name,
            name=scenario.name,
            status="failed" if error else "passed",
            finished_at=datetime.now(UTC).isoformat(),
            error=error,
        )
        world = request.getfixturevalue("world")
        for case_id in world.case_ids:
            path = world.engine.case_path(case_id)
            record.flows += sorted(path.flows)
            record.elements += sorted(path.completed | path.open)
        self.records.append(record)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any) -> None:
        """Under pytest-xdist (`make test` runs two workers): take a worker's records."""
        part = getattr(node, "workeroutput", {}).get(WORKER_RECORDS)
        if part:
            self.records += [_record(r) for r in json.loads(part)]

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Write the reports when scenarios ran (a pytest-xdist worker hands its records to
        the controller instead, which writes them once for all workers)."""
        output = getattr(session.config, "workeroutput", None)
        if output is not None:
            output[WORKER_RECORDS] = json.dumps([asdict(r) for r in self.records])
            return
        if not self.records:
            return
        self.records.sort(key=lambda r: (r.feature, r.name))
        settings = with_library_from_env(load_settings({}))
        bundle = ProcessLibrary().compile(read_library(settings.bpmn_dir, settings.forms_dir))
        report = build_report(bundle, self.records)
        paths = write_reports(reports_dir(), report, self.records)
        missing = uncovered(report)
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            total = sum(len(p.flows) for p in report)
            gaps = sum(len(v) for v in missing.values())
            reporter.write_line(
                f"path coverage: {total - gaps}/{total} sequence flows taken by "
                f"{len(self.records)} scenarios; report: {paths['markdown']}"
            )
