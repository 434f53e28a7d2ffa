"""NrmWorkflow's table scans find what SpiffWorkflow's tree walks find (engine.spiff.workflow)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.spiff.parser import SpiffBpmnParser
from SpiffWorkflow.util.task import TaskIterator, TaskState

from engine.facade import Engine
from engine.spiff import serializer
from engine.spiff.clock import FakeClock
from engine.spiff.workflow import NrmWorkflow
from tests.engine.test_cases import start_simple

FAST = Counter[str]()


class Checked(NrmWorkflow):
    """Every scan done both ways; the table scan's answer must be the tree walk's."""

    def get_tasks(self, first_task: Any = None, **kwargs: Any) -> Any:
        fast = NrmWorkflow.get_tasks(self, first_task, **kwargs)
        slow = BpmnWorkflow.get_tasks(self, first_task, **kwargs)
        assert fast == slow
        if kwargs == {"state": TaskState.READY} and len(slow) <= 1:
            FAST["ready"] += 1
        return fast

    def is_completed(self) -> bool:
        from SpiffWorkflow.workflow import Workflow

        was = self.completed
        fast = NrmWorkflow.is_completed(self)
        self.completed = was
        assert fast == Workflow.is_completed(self)
        FAST["completed"] += fast
        return fast

    def update_waiting_tasks(self) -> None:
        table = [t for t in self.tasks.values() if t.state == TaskState.WAITING]
        tree = list(TaskIterator(self.task_tree, state=TaskState.WAITING))
        assert sorted(t.id for t in table) == sorted(t.id for t in tree)
        FAST["waiting"] += len(table) <= 1
        FAST["one waiting"] += len(table) == 1
        NrmWorkflow.update_waiting_tasks(self)


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Cases of the engine run on `Checked` (new ones and restored ones)."""
    import engine.runtime

    monkeypatch.setattr(engine.runtime, "NrmWorkflow", Checked)
    monkeypatch.setattr(serializer, "NrmWorkflow", Checked)
    FAST.clear()
    return FAST


def test_scans_agree_through_branches_boundary_timers_and_call_activities(
    simple_engine: Engine, clock: FakeClock, checked: Counter[str]
) -> None:
    simple_engine.ctx.serializer.registry.typenames[Checked] = "BpmnWorkflow"
    case = start_simple(simple_engine).case
    clock.advance(timedelta(hours=25))  # the screening's boundary timer fires
    assert simple_engine.fire_due_timers() == [case.id]
    simple_engine.ctx.cache.drop(case.id)  # the next step restores it from the database
    screening = next(t for t in simple_engine.case_tasks(case.id) if t.bpmn_id == "task_screen")
    simple_engine.complete_task(
        screening.id,
        {"screening_result": "presumed_victim", "screening_date": "2026-03-01"},
        actor="police",
        agency="police",
    )
    called = simple_engine.start_case("parent", {}, agency="social", actor="social")
    simple_engine.complete_task(called.opened[0].id, {}, actor="social", agency="social")
    # The fast paths were taken, with a timer waiting beside an open task among them.
    assert checked["ready"] > 5 and checked["waiting"] > 5 and checked["one waiting"] > 0
    assert checked["completed"] >= 1  # the called process ran to its end


_PARALLEL = """<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    id="defs" targetNamespace="http://example.org/parallel">
  <bpmn:process id="parallel" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:parallelGateway id="split">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>fa</bpmn:outgoing>
      <bpmn:outgoing>fb</bpmn:outgoing><bpmn:outgoing>fc</bpmn:outgoing>
    </bpmn:parallelGateway>
    <bpmn:scriptTask id="a"><bpmn:incoming>fa</bpmn:incoming><bpmn:outgoing>fa2</bpmn:outgoing>
      <bpmn:script>a = 1</bpmn:script></bpmn:scriptTask>
    <bpmn:scriptTask id="b"><bpmn:incoming>fb</bpmn:incoming><bpmn:outgoing>fb2</bpmn:outgoing>
      <bpmn:script>b = 2</bpmn:script></bpmn:scriptTask>
    <bpmn:userTask id="c"><bpmn:incoming>fc</bpmn:incoming><bpmn:outgoing>fc2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:parallelGateway id="join">
      <bpmn:incoming>fa2</bpmn:incoming><bpmn:incoming>fb2</bpmn:incoming>
      <bpmn:incoming>fc2</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:parallelGateway>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
    <bpmn:sequenceFlow id="fa" sourceRef="split" targetRef="a" />
    <bpmn:sequenceFlow id="fb" sourceRef="split" targetRef="b" />
    <bpmn:sequenceFlow id="fc" sourceRef="split" targetRef="c" />
    <bpmn:sequenceFlow id="fa2" sourceRef="a" targetRef="join" />
    <bpmn:sequenceFlow id="fb2" sourceRef="b" targetRef="join" />
    <bpmn:sequenceFlow id="fc2" sourceRef="c" targetRef="join" />
    <bpmn:sequenceFlow id="f2" sourceRef="join" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>"""


def _trace(cls: type[BpmnWorkflow]) -> list[tuple[str, str]]:
    """Which elements finished, in order, and the data at the end."""
    parser = SpiffBpmnParser()
    parser.add_bpmn_str(_PARALLEL.encode())
    workflow = cls(parser.get_spec("parallel"))
    order: list[tuple[str, str]] = []
    workflow.completed_event.connect(lambda *_: order.append(("done", "")))
    workflow.do_engine_steps()
    order += [("waiting", t.task_spec.bpmn_id) for t in workflow.get_tasks(state=TaskState.WAITING)]
    [user] = workflow.get_tasks(state=TaskState.READY, manual=True)
    user.data["c"] = 3
    user.run()
    workflow.do_engine_steps()
    finished = workflow.get_tasks(state=TaskState.COMPLETED)
    order += [("completed", t.task_spec.name) for t in finished]
    order += [("data", repr(sorted(workflow.data.items())))]
    return order


def test_parallel_branches_run_as_the_library_runs_them() -> None:
    """Two script tasks ready at once: the library's depth-first order is kept."""
    FAST.clear()
    assert _trace(Checked) == _trace(BpmnWorkflow)
    assert FAST["ready"] > 0
    assert ("data", repr([("a", 1), ("b", 2), ("c", 3)])) in _trace(NrmWorkflow)
