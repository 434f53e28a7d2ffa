"""The scenario gate: real scenarios run in a child pytest on a candidate library (marked
`gate`: a few seconds each), and the gated, audited deploy around it (fake gates)."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine as Database
from sqlmodel import Session, select

from engine.config import Settings
from engine.errors import (
    GateUnavailableError,
    InvalidDiagramError,
    LibraryChangedError,
    ScenariosFailedError,
)
from engine.facade import Engine
from engine.models import AuditEvent
from engine.scenario_gate import GateReport, ScenarioGate, ScenarioResult, SkipScenarios
from engine.sources import SourceFile
from engine.spiff.clock import FakeClock
from tests.library import (
    form_with_optional_field,
    library_files,
    renamed_accept_task,
    short_referral_feature,
)


@pytest.fixture
def engine(db: Database, settings: Settings, clock: FakeClock) -> Engine:
    """An engine with the project's library deployed (version 1 of every process).

    Its own ProcessLibrary: a shared one would hand out versions cached from another
    test's database under the same row ids."""
    built = Engine(db, settings=settings, clock=clock)
    built.deploy_library(deployed_by="setup")
    return built


class RecordingGate:
    """A gate that returns a fixed report and remembers what it was asked."""

    def __init__(self, report: GateReport | None = None) -> None:
        self.report = report
        self.asked: list[tuple[str, ...]] = []

    def check(self, _files: Sequence[SourceFile], processes: Sequence[str], /) -> GateReport:
        self.asked.append(tuple(processes))
        return self.report or GateReport(tuple(processes), ("referral.feature",))


def deployed_events(engine: Engine) -> list[AuditEvent]:
    with Session(engine.db) as session:
        query = select(AuditEvent).where(AuditEvent.action == "process.deployed")
        return list(session.exec(query).all())


def newest(engine: Engine) -> dict[str, int]:
    return {p.process_id: p.version for p in engine.processes()}


@pytest.mark.gate
def test_check_names_failing_scenario_and_step_when_task_renamed() -> None:
    files = [renamed_accept_task() if f.name == "referral.bpmn" else f for f in library_files()]
    report = ScenarioGate().check(files, ["referral"])
    assert not report.passed and report.features == ("referral.feature",)
    first = next(s for s in report.failed if s.scenario.startswith("the chosen shelter accepts"))
    assert first.feature == "referral.feature"
    assert first.step == 'Then the NGO has a task "Accept or decline referral"'
    assert first.error is not None and "Decide on the referral" in first.error
    assert "FAILED referral.feature: the chosen shelter accepts" in "\n".join(report.lines())


@pytest.mark.gate
def test_check_passes_with_uploaded_feature_instead_of_repository_one() -> None:
    form = form_with_optional_field()
    files = [form if f.name == form.name else f for f in library_files()]
    gate = ScenarioGate(features={"referral.feature": short_referral_feature()})
    report = gate.check(files, ["referral", "no_such_process"])
    assert report.passed, report.lines()
    assert [s.scenario for s in report.scenarios] == [
        "the chosen shelter gets the referral to accept or decline"
    ]
    assert report.untested == ("no_such_process",)
    assert report.seconds > 0


@pytest.mark.gate
def test_check_passes_in_four_gates_run_at_once() -> None:
    """Deployments at the same time each run their own child pytest: none disturbs another."""
    gate = ScenarioGate(features={"referral.feature": short_referral_feature()}, timeout=120)
    files = library_files()
    with ThreadPoolExecutor(4) as pool:
        reports = list(pool.map(lambda _: gate.check(files, ["referral"]), range(4)))
    assert [r.passed for r in reports] == [True] * 4, [r.lines() for r in reports]
    assert all(len(r.scenarios) == 1 for r in reports)


def test_check_runs_nothing_when_no_feature_file_exists(tmp_path: Path) -> None:
    report = ScenarioGate(features_dir=tmp_path).check(library_files(), ["referral"])
    assert report.passed and report.scenarios == () and report.untested == ("referral",)


def test_check_reports_a_run_past_its_time_limit() -> None:
    gate = ScenarioGate(features={"referral.feature": short_referral_feature()}, timeout=0.05)
    report = gate.check(library_files(), ["referral"])
    assert not report.passed
    assert report.problem == "the scenarios did not finish within 0.05 s"


def test_check_refuses_a_file_name_with_a_folder() -> None:
    gate = ScenarioGate(features={"referral.feature": short_referral_feature()})
    with pytest.raises(InvalidDiagramError):
        gate.check([*library_files(), SourceFile("../escape.bpmn", b"<x/>")], ["referral"])


def test_check_without_the_scenario_suite_is_unavailable() -> None:
    gate = ScenarioGate(suite="no_such_scenario_suite")
    with pytest.raises(GateUnavailableError, match="no_such_scenario_suite"):
        gate.check(library_files(), ["referral"])


def test_deploy_with_gate_checks_changed_processes_and_their_callers(engine: Engine) -> None:
    gate = RecordingGate()
    result = engine.deploy(
        engine.candidate([form_with_optional_field()]), deployed_by="policy", gate=gate
    )
    assert gate.asked == [("nrm_case", "referral")]
    assert sorted((v.process_id, v.version) for v in result.new_versions) == [
        ("nrm_case", 2),
        ("referral", 2),
    ]
    assert result.gate is not None and result.gate.passed
    [event] = deployed_events(engine)
    assert event.actor == "policy" and event.case_id is None
    assert {v["process_id"] for v in event.detail["versions"]} == {"nrm_case", "referral"}
    assert event.detail["gate"]["features"] == ["referral.feature"]


def test_deploy_with_failing_gate_deploys_nothing(engine: Engine) -> None:
    failed = ScenarioResult("referral.feature", "accepts", "failed", "Then x", "boom")
    gate = RecordingGate(GateReport(("referral",), ("referral.feature",), scenarios=(failed,)))
    before = newest(engine)
    with pytest.raises(ScenariosFailedError) as info:
        engine.deploy(engine.candidate([renamed_accept_task()]), deployed_by="policy", gate=gate)
    assert "FAILED referral.feature: accepts" in str(info.value)
    assert info.value.details()["gate"]["failed"][0]["step"] == "Then x"
    assert newest(engine) == before and deployed_events(engine) == []


def test_deploy_of_unchanged_library_runs_no_scenario(engine: Engine) -> None:
    gate = RecordingGate()
    result = engine.deploy(engine.candidate([]), deployed_by="policy", gate=gate)
    assert gate.asked == [] and not result.created and deployed_events(engine) == []


def test_deploy_refuses_when_the_library_changed_during_the_check(engine: Engine) -> None:
    class Meddling(RecordingGate):
        def check(self, files: Sequence[SourceFile], processes: Sequence[str], /) -> GateReport:
            engine.deploy(engine.candidate([renamed_accept_task()]), deployed_by="someone")
            return super().check(files, processes)

    with pytest.raises(LibraryChangedError):
        engine.deploy(
            engine.candidate([form_with_optional_field()]), deployed_by="policy", gate=Meddling()
        )
    assert newest(engine)["referral"] == 2  # only the meddler's version


def test_deploy_skipping_scenarios_records_the_reason(engine: Engine) -> None:
    gate = SkipScenarios("hotfix approved by the ministry")
    engine.deploy(engine.candidate([form_with_optional_field()]), deployed_by="ops", gate=gate)
    [event] = deployed_events(engine)
    assert event.detail["gate"]["skipped"] == "hotfix approved by the ministry"
    assert event.detail["gate"]["processes"] == ["nrm_case", "referral"]


def test_candidate_replaces_deployed_files_by_name(engine: Engine) -> None:
    new_form = form_with_optional_field()
    files = {f.name: f for f in engine.candidate([new_form])}
    assert files[new_form.name] == new_form
    assert set(files) == {f.name for f in library_files()}


def test_candidate_before_any_deployment_starts_from_the_library_on_disk(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "note.schema.json").write_text("{}")
    fresh = Engine(db, settings=replace(settings, bpmn_dir=tmp_path, forms_dir=tmp_path))
    added = SourceFile("extra.schema.json", b"{}")
    assert fresh.candidate([added]) == [added, SourceFile("note.schema.json", b"{}")]


def test_deploy_of_a_revert_makes_the_old_content_newest_again(engine: Engine) -> None:
    engine.deploy(engine.candidate([form_with_optional_field()]), deployed_by="policy")
    reverted = engine.deploy(library_files(), deployed_by="policy", gate=RecordingGate())
    assert reverted.created and reverted.deployment_id == 1  # the stored files again
    assert sorted((v.process_id, v.version) for v in reverted.new_versions) == [
        ("nrm_case", 3),
        ("referral", 3),
    ]
    listed = {v.version: v.content_hash for v in engine.process_versions("referral")}
    assert listed[3] == listed[1] != listed[2]
    case = engine.start_case("referral", {}, agency="police", actor="police").case
    assert case.process_version == 3
