"""Deployment jobs: queued at once (an invalid library refused then), run by one runner at a
time under a lease, taken over when a runner stops, never run twice (fake gates)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from engine.deploying import deployed_files
from engine.deployjobs import MAX_ATTEMPTS, UnknownDeploymentJobError
from engine.deployrunner import DeploymentRunner
from engine.errors import InvalidDiagramError
from engine.facade import Engine
from engine.models import AuditEvent
from engine.scenario_gate import GateReport, ScenarioResult
from engine.sources import SourceFile
from engine.spiff.clock import FakeClock
from tests.conftest import FIXTURES

NOTE_FORM = FIXTURES / "engine" / "simple_note.schema.json"
FAILING = ScenarioResult(
    "simple.feature",
    "the note is kept",
    "failed",
    'Then the police has a task "Write a note"',
    "no task 'Write a note'; open: 'Screen'",
)


def note_form(title: str = "Remark") -> SourceFile:
    """simple_note.schema.json with one more optional field: `simple`, `parent` and `child`
    change (all three use the form)."""
    schema = json.loads(NOTE_FORM.read_text())
    schema["properties"]["remark"] = {"type": "string", "title": title, "maxLength": 100}
    return SourceFile(NOTE_FORM.name, json.dumps(schema).encode())


class CountingGate:
    """A gate that takes `seconds`, counts its runs and passes (or fails one scenario)."""

    def __init__(self, *, seconds: float = 0.0, fail: bool = False) -> None:
        self.seconds, self.fail = seconds, fail
        self.runs = 0
        self._lock = threading.Lock()

    def check(self, _files: Sequence[SourceFile], processes: Sequence[str], /) -> GateReport:
        with self._lock:
            self.runs += 1
        time.sleep(self.seconds)
        results = (FAILING,) if self.fail else ()
        return GateReport(tuple(processes), ("simple.feature",), (), results, self.seconds)


def deployed_events(engine: Engine) -> list[AuditEvent]:
    with Session(engine.db) as session:
        query = select(AuditEvent).where(AuditEvent.action == "process.deployed")
        return list(session.exec(query).all())


def newest(engine: Engine) -> dict[str, int]:
    return {p.process_id: p.version for p in engine.processes()}


@pytest.fixture
def engine(simple_engine: Engine) -> Engine:
    return simple_engine


def test_an_invalid_library_is_refused_when_asked_and_nothing_is_queued(engine: Engine) -> None:
    with pytest.raises(InvalidDiagramError) as refused:
        engine.queue_deployment([SourceFile("simple.bpmn", b"<nope")], requested_by="policy")
    assert [p.file for p in refused.value.problems] == ["simple.bpmn"]
    assert engine.deployment_jobs() == []


def test_a_queued_job_deploys_when_a_runner_takes_it(engine: Engine, clock: FakeClock) -> None:
    job = engine.queue_deployment(
        [note_form()], requested_by="policy", note="a remark", features={"simple.feature": b"x"}
    )
    assert (job.state, job.files, job.requested_by) == (
        "queued",
        ("simple.feature", "simple_note.schema.json"),
        "policy",
    )
    assert newest(engine)["simple"] == 1  # nothing deployed while it waits
    clock.advance(timedelta(seconds=5))
    gate = CountingGate()
    done = engine.run_next_deployment("runner-a", gate=gate)
    assert done is not None and done.id == job.id
    assert (done.state, done.attempts, gate.runs) == ("succeeded", 1, 1)
    assert done.started_at == done.finished_at == job.created_at + timedelta(seconds=5)
    assert done.report is not None and done.report["created"] is True
    assert {(v["process_id"], v["version"]) for v in done.report["versions"]} == {
        ("simple", 2),
        ("parent", 2),
        ("child", 2),
    }
    assert done.report["gate"]["passed"] is True
    assert done.deployment_id == done.report["deployment_id"]
    assert newest(engine)["simple"] == 2
    [event] = deployed_events(engine)
    assert (event.actor, event.detail["note"]) == ("policy", "a remark")
    assert engine.run_next_deployment("runner-a", gate=gate) is None  # the queue is empty


def test_a_failing_scenario_fails_the_job_naming_feature_scenario_step_and_error(
    engine: Engine,
) -> None:
    job = engine.queue_deployment([note_form()], requested_by="policy")
    done = engine.run_next_deployment("runner-a", gate=CountingGate(fail=True))
    assert done is not None and done.state == "failed"
    assert done.report is not None
    assert done.report["error"]["status"] == 422
    assert done.report["error"]["title"] == "Scenarios failed"
    [failed] = done.report["gate"]["failed"]
    assert failed == FAILING.as_dict()
    assert newest(engine)["simple"] == 1 and deployed_events(engine) == []
    assert engine.deployment_job(job.id) == done


def test_a_job_changes_the_library_as_it_is_when_it_runs(engine: Engine) -> None:
    engine.queue_deployment([note_form()], requested_by="policy")
    report = FIXTURES / "engine" / "simple_report.schema.json"
    schema = json.loads(report.read_text())
    schema["title"] = "Report, meanwhile"
    meanwhile = SourceFile(report.name, json.dumps(schema).encode())
    engine.deploy(engine.candidate([meanwhile]), deployed_by="other")  # while the job waits
    done = engine.run_next_deployment("runner-a", gate=CountingGate())
    assert done is not None and done.state == "succeeded"
    with Session(engine.db) as session:
        live = {f.name: f.content for f in deployed_files(session)}
    assert live[report.name] == meanwhile.content  # the deployment in between is kept
    assert live[NOTE_FORM.name] == note_form().content


def test_only_the_oldest_job_runs_and_one_runner_at_a_time(engine: Engine) -> None:
    first = engine.queue_deployment([note_form("One")], requested_by="policy")
    second = engine.queue_deployment([note_form("Two")], requested_by="policy")
    held = engine.claim_deployment("runner-a")
    assert held is not None and held.id == first.id
    assert engine.claim_deployment("runner-b") is None  # the second waits for the first
    assert engine.deployment_job(second.id).state == "queued"


def test_a_job_whose_runner_stopped_is_taken_again_when_its_lease_runs_out(
    engine: Engine, clock: FakeClock
) -> None:
    job = engine.queue_deployment([note_form()], requested_by="policy")
    stopped = engine.claim_deployment("runner-a")  # ... and runner-a dies here
    assert stopped is not None
    assert engine.claim_deployment("runner-b") is None  # its lease still holds
    clock.advance(timedelta(seconds=engine.settings.deployment_lease + 1))
    gate = CountingGate()
    done = engine.run_next_deployment("runner-b", gate=gate)
    assert done is not None and (done.id, done.state, done.attempts) == (job.id, "succeeded", 2)
    # runner-a comes back: it no longer holds the job and cannot finish it a second time.
    engine.run_claimed(stopped, gate=gate)
    assert engine.deployment_job(job.id) == done
    assert len(deployed_events(engine)) == 1
    assert not engine.renew_lease(stopped)


def test_a_runner_that_lost_its_lease_deploys_nothing(engine: Engine, clock: FakeClock) -> None:
    job = engine.queue_deployment([note_form()], requested_by="policy")
    slow = engine.claim_deployment("runner-a")
    assert slow is not None
    clock.advance(timedelta(seconds=engine.settings.deployment_lease + 1))
    taken = engine.claim_deployment("runner-b")
    assert taken is not None and taken.id == job.id
    engine.run_claimed(slow, gate=CountingGate())  # runner-a's gate ends after runner-b took over
    assert engine.deployment_job(job.id).state == "running"
    assert newest(engine)["simple"] == 1 and deployed_events(engine) == []


def test_a_job_that_stops_its_runners_again_and_again_fails(
    engine: Engine, clock: FakeClock
) -> None:
    job = engine.queue_deployment([note_form()], requested_by="policy")
    for n in range(MAX_ATTEMPTS):
        assert engine.claim_deployment(f"runner-{n}") is not None
        clock.advance(timedelta(seconds=engine.settings.deployment_lease + 1))
    assert engine.claim_deployment("runner-last") is None
    failed = engine.deployment_job(job.id)
    assert failed.state == "failed" and failed.report is not None
    assert failed.report["error"]["title"] == "Deployment abandoned"


def test_runners_at_once_run_each_job_once_in_order(engine: Engine) -> None:
    jobs = [engine.queue_deployment([note_form(t)], requested_by="policy") for t in "ABC"]
    gate = CountingGate(seconds=0.2)

    def runner(name: str) -> Callable[[], list[int]]:
        def run() -> list[int]:
            ran = []
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                done = engine.run_next_deployment(name, gate=gate)
                if done is not None:
                    ran.append(done.id)
                elif all(engine.deployment_job(j.id).finished for j in jobs):
                    return ran
                else:
                    time.sleep(0.01)
            return ran

        return run

    with ThreadPoolExecutor(4) as pool:
        ran = [f.result() for f in [pool.submit(runner(f"runner-{n}")) for n in range(4)]]
    assert sorted(i for r in ran for i in r) == [j.id for j in jobs]
    assert gate.runs == 3
    assert [engine.deployment_job(j.id).state for j in jobs] == ["succeeded"] * 3
    assert [e.detail["versions"][0]["version"] for e in deployed_events(engine)] == [2, 3, 4]
    assert newest(engine)["simple"] == 4


def test_the_runner_thread_runs_a_job_when_woken(engine: Engine) -> None:
    job = engine.queue_deployment([note_form()], requested_by="ops", skip_reason="checked in CI")
    runner = DeploymentRunner(engine, "test", poll=60)
    runner.start()
    try:
        runner.wake()
        deadline = time.monotonic() + 20
        while not engine.deployment_job(job.id).finished and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        runner.stop()
    done = engine.deployment_job(job.id)
    assert done.state == "succeeded" and done.report is not None
    assert done.report["gate"]["skipped"] == "checked in CI"


def test_an_unknown_job_is_not_found(engine: Engine) -> None:
    with pytest.raises(UnknownDeploymentJobError):
        engine.deployment_job(999)
