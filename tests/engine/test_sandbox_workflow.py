"""The restricted environment inside real SpiffWorkflow runs: paths taken, refusals reported."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

import pytest
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.spiff.parser import SpiffBpmnParser
from SpiffWorkflow.util.task import TaskState

from engine.errors import ScriptCompileError, ScriptLimitError
from engine.sandbox import (
    RestrictedEnvironment,
)

HELPERS: dict[str, Callable[..., Any]] = {
    "days": lambda count: f"P{count}D",
    "hours": lambda count: f"PT{count}H",
}


# Inside a real SpiffWorkflow run

_BPMN = """<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    id="defs" targetNamespace="http://example.org/sandbox">
  <bpmn:process id="sandbox_demo" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="task_derive" name="Derive">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:script>{script}</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:exclusiveGateway id="gateway_age">
      <bpmn:incoming>f2</bpmn:incoming>
      <bpmn:outgoing>f_child</bpmn:outgoing><bpmn:outgoing>f_adult</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:endEvent id="end_child"><bpmn:incoming>f_child</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="end_adult"><bpmn:incoming>f_adult</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task_derive" />
    <bpmn:sequenceFlow id="f2" sourceRef="task_derive" targetRef="gateway_age" />
    <bpmn:sequenceFlow id="f_child" sourceRef="gateway_age" targetRef="end_child">
      <bpmn:conditionExpression>{condition}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_adult" sourceRef="gateway_age" targetRef="end_adult">
      <bpmn:conditionExpression>not presumed_child</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>"""


def _run_workflow(
    data: dict[str, Any],
    script: str = "presumed_child = age is None or age < 18\ndeadline = days(3)",
    condition: str = "presumed_child",
) -> BpmnWorkflow:
    parser = SpiffBpmnParser()
    parser.add_bpmn_str(_BPMN.format(script=escape(script), condition=escape(condition)).encode())
    environment = RestrictedEnvironment(HELPERS, time_limit=0.2)
    workflow = BpmnWorkflow(
        parser.get_spec("sandbox_demo"), script_engine=PythonScriptEngine(environment=environment)
    )
    workflow.get_tasks(state=TaskState.READY)[0].data.update(data)
    workflow.do_engine_steps()
    return workflow


@pytest.mark.parametrize(("age", "end"), [(12, "end_child"), (30, "end_adult")])
def test_run_workflow_with_restricted_environment(age: int, end: str) -> None:
    workflow = _run_workflow({"age": age})
    assert workflow.is_completed()
    assert workflow.data == {"age": age, "presumed_child": age < 18, "deadline": "P3D"}
    ends = {t.task_spec.bpmn_id for t in workflow.get_tasks(state=TaskState.COMPLETED)}
    assert ends & {"end_child", "end_adult"} == {end}


@pytest.mark.parametrize(
    ("script", "condition", "error"),
    [
        ("import os", "presumed_child", ScriptCompileError),
        ("while True:\n    pass", "presumed_child", ScriptLimitError),
        ("presumed_child = True", "().__class__", ScriptCompileError),
        ("presumed_child = True", "10**10**8", ScriptLimitError),
    ],
)
def test_fail_workflow_on_refused_code(script: str, condition: str, error: type[Exception]) -> None:
    with pytest.raises(WorkflowTaskException) as caught:
        _run_workflow({"age": 12}, script=script, condition=condition)
    # How the engine tells a sandbox refusal from a bug in the diagram's logic.
    assert caught.value.error_type == error.__name__
    assert isinstance(caught.value.__context__, error)


def test_report_script_line_in_workflow_error() -> None:
    with pytest.raises(WorkflowTaskException) as caught:
        _run_workflow({"age": 12}, script="presumed_child = True\nnote = 'a' * 10**9")
    assert caught.value.line_number == 2
    assert caught.value.error_line == "note = 'a' * 10**9"
