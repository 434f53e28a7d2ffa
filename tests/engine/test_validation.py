"""The validator on one broken fixture per problem kind: code, element id and line of each."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.drawing import has_diagram, render_svg
from engine.errors import ErrorReport, Problem
from engine.facade import Engine
from engine.sources import SourceFile, read_paths
from engine.validation import validate_files

FIXTURES = Path(__file__).parents[1] / "fixtures"
VALIDATION = FIXTURES / "validation"


def validate(*names: str) -> ErrorReport:
    """Validate fixture files (under tests/fixtures/validation) together."""
    report, _bundle = validate_files(read_paths([VALIDATION / n for n in names]))
    return report


def line_of(name: str, needle: str) -> int:
    """The first line of a fixture that contains `needle`."""
    lines = (VALIDATION / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def only(report: ErrorReport, code: str, element_id: str | None = None) -> Problem:
    """The one problem of this code (and element)."""
    found = [
        p
        for p in report.problems
        if p.code == code and (element_id is None or p.element_id == element_id)
    ]
    assert len(found) == 1, report.problems
    return found[0]


def assert_problem(
    report: ErrorReport, code: str, element_id: str, file: str, needle: str, severity: str = "error"
) -> Problem:
    """A problem of this code at this element, on the fixture line holding `needle`."""
    problem = only(report, code, element_id)
    assert (problem.file, problem.line, problem.severity) == (file, line_of(file, needle), severity)
    assert problem.fix
    return problem


def test_validate_reports_malformed_xml_with_line() -> None:
    problem = only(validate("malformed.bpmn"), "malformed-xml")
    assert (problem.file, problem.line) == ("malformed.bpmn", 6)


def test_validate_reports_every_schema_error_with_element() -> None:
    report = validate("schema_errors.bpmn")
    found = sorted((p.line, p.element_id) for p in report.errors if p.code == "schema")
    assert found == [
        (line_of("schema_errors.bpmn", 'colour="red"'), "start"),
        (line_of("schema_errors.bpmn", "bpmn:shortcut"), "nonsense"),
    ]


def _max_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_validate_refuses_billion_laughs_quickly(encoding: str) -> None:
    text = (FIXTURES / "drawing" / "billion_laughs.bpmn").read_text(encoding="utf-8")
    content = text.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"').encode(encoding)
    before, started = _max_rss_kib(), time.perf_counter()
    report, bundle = validate_files([SourceFile("lol.bpmn", content)])
    assert time.perf_counter() - started < 0.5
    assert _max_rss_kib() - before < 50_000  # KiB: the expansion would need gigabytes
    assert bundle is None
    assert [p.code for p in report.errors] == ["doctype"]


def test_validate_refuses_external_entity_without_reading_files() -> None:
    report, bundle = validate_files(read_paths([FIXTURES / "drawing" / "xxe.bpmn"]))
    assert bundle is None
    assert [p.code for p in report.errors] == ["doctype"]
    assert not any("root:" in p.message for p in report.problems)


def test_validate_reports_business_rule_task_without_its_decision_table() -> None:
    report = validate("decision_missing.bpmn")
    problem = assert_problem(
        report, "decision-missing", "rule_risk", "decision_missing.bpmn", 'id="rule_risk"'
    )
    assert "'risk_level'" in problem.message
    assert len(report.errors) == 1  # SpiffWorkflow's own refusal is not repeated


def test_validate_reports_every_missing_call_target() -> None:
    report = validate("call_missing.bpmn")
    for element_id, target in (("call_a", "nowhere_a"), ("call_b", "nowhere_b")):
        problem = assert_problem(
            report, "call-target", element_id, "call_missing.bpmn", f'id="{element_id}"'
        )
        assert target in problem.message
    assert len(report.errors) == 2


def test_validate_names_both_files_of_a_duplicate_process_id() -> None:
    report = validate("duplicate_a.bpmn", "duplicate_b.bpmn")
    problem = assert_problem(report, "duplicate-process", "twin", "duplicate_b.bpmn", 'id="twin"')
    assert "duplicate_a.bpmn" in problem.message
    assert "duplicate_b.bpmn" in problem.message


@pytest.mark.parametrize(
    ("code", "element_id", "needle", "severity"),
    [
        ("form-none", "task_no_form", 'id="task_no_form"', "error"),
        ("form-missing", "task_missing_form", 'id="task_missing_form"', "error"),
        ("manual-no-form", "task_confirm", 'id="task_confirm"', "warning"),
        ("unknown-lane", "task_wrong_lane", 'id="task_wrong_lane"', "error"),
    ],
)
def test_validate_reports_task_form_and_lane_problems(
    code: str, element_id: str, needle: str, severity: str
) -> None:
    report = validate("forms.bpmn", "note.schema.json", "not_a_schema.schema.json")
    assert_problem(report, code, element_id, "forms.bpmn", needle, severity)


def test_validate_reports_broken_form_files_on_the_file_only() -> None:
    report = validate("forms.bpmn", "not_a_schema.schema.json", "not_json.schema.json")
    schema = only(report, "form-schema")
    assert schema.file == "not_a_schema.schema.json"
    assert "properties/note/type" in schema.message
    not_json = only(report, "form-json")
    assert (not_json.file, not_json.line) == ("not_json.schema.json", 4)
    # The task naming the broken form is not also told its form is missing.
    assert not any(p.element_id == "task_broken_form" for p in report.problems)


def test_validate_reports_gateway_flows_without_condition_or_default() -> None:
    report = validate("gateways.bpmn")
    problem = assert_problem(report, "gateway-no-condition", "f_no", "gateways.bpmn", 'id="f_no"')
    assert "gw_victim" in problem.message
    assert_problem(
        report, "gateway-default-missing", "gw_region", "gateways.bpmn", 'id="gw_region"'
    )
    assert_problem(
        report, "gateway-default-condition", "f_adult", "gateways.bpmn", 'id="f_adult"', "warning"
    )
    assert len(report.errors) == 2


def test_validate_reports_a_called_process_problem_once() -> None:
    child = (VALIDATION / "gateways.bpmn").read_text(encoding="utf-8")
    child = child.replace('<bpmn:process id="gateways"', '<bpmn:process id="child"')
    files = read_paths([FIXTURES / "engine" / "parent.bpmn"])
    report, _bundle = validate_files([*files, SourceFile("child.bpmn", child.encode())])
    assert [(p.file, p.code) for p in report.errors if p.element_id == "f_no"] == [
        ("child.bpmn", "gateway-no-condition")
    ]


def test_validate_reports_task_with_two_outgoing_flows() -> None:
    report = validate("task_split.bpmn")
    assert_problem(report, "task-split", "script_both", "task_split.bpmn", 'id="script_both"')
    assert len(report.errors) == 1  # Spiff's own refusal of the same task is not repeated


@pytest.mark.parametrize(
    ("code", "element_id", "needle"),
    [
        ("script-compile", "script_import", "import os"),
        ("timer-compile", "wait", "__class__"),
        ("condition-compile", "f_yes", "age &gt;="),
    ],
)
def test_validate_reports_code_refused_by_the_sandbox(
    code: str, element_id: str, needle: str
) -> None:
    assert_problem(validate("code.bpmn"), code, element_id, "code.bpmn", needle)


@pytest.mark.parametrize(
    ("element_id", "code", "severity"),
    [
        ("t_date_as_duration", "timer-value", "error"),
        ("t_duration_as_date", "timer-value", "error"),
        ("t_bad_cycle", "timer-value", "error"),
        ("t_number", "timer-value", "error"),
        ("t_unquoted", "timer-value", "error"),
        ("t_fails", "timer-value", "error"),
        ("t_unknown_param", "unknown-param", "error"),
        ("t_case_data", "timer-unchecked", "warning"),
    ],
)
def test_validate_evaluates_timer_expressions(element_id: str, code: str, severity: str) -> None:
    report = validate("timers.bpmn")
    needle = f'id="{element_id}_def"'
    line = line_of("timers.bpmn", needle) + 1  # the expression's own line
    problem = only(report, code, element_id)
    assert (problem.line, problem.severity) == (line, severity)


def test_validate_accepts_timers_that_yield_what_they_need() -> None:
    report = validate("timers.bpmn")
    flagged = {p.element_id for p in report.problems}
    assert not flagged & {"t_ok", "t_cycle_ok", "t_date_ok"}
    assert len(report.problems) == 8


def test_validate_names_unreachable_and_dead_end_elements() -> None:
    report = validate("graph.bpmn")
    assert_problem(report, "unreachable", "script_orphan", "graph.bpmn", 'id="script_orphan"')
    assert_problem(report, "dead-end", "script_stuck", "graph.bpmn", 'id="script_stuck"')
    assert len(report.problems) == 2  # the event sub-process is not unreachable


@pytest.mark.parametrize(
    ("element_id", "words"),
    [
        ("store_registry", "data store"),
        ("store_ref", "data store"),
        ("service_notify", "service task"),
        ("undo_notify", "compensation"),
        ("script_retract", "compensation"),
        ("gw_complex", "complex gateway"),
        ("link_out", "link event"),
        ("link_in", "link event"),
        ("adhoc_steps", "sequential"),
    ],
)
def test_validate_names_elements_the_engine_cannot_execute(element_id: str, words: str) -> None:
    report = validate("unsupported.bpmn")
    problem = assert_problem(
        report, "unsupported", element_id, "unsupported.bpmn", f'id="{element_id}"'
    )
    assert words in problem.message
    assert sum(1 for p in report.problems if p.element_id == element_id) == 1


def test_validate_reports_events_without_partner() -> None:
    report = validate("partners.bpmn")
    assert_problem(report, "no-sender", "wait_reply", "partners.bpmn", 'id="wait_reply"')
    assert_problem(
        report, "no-receiver", "end_notice", "partners.bpmn", 'id="end_notice"', "warning"
    )
    assert len(report.problems) == 2  # the alert signal has its listener


@pytest.mark.parametrize(
    ("element_id", "code"),
    [
        ("gw_wait", "partly-supported"),
        ("task_call", "manual-no-form"),
        ("end_closed", "no-receiver"),
        ("note_call", "documentation-only"),
        ("group_follow_up", "documentation-only"),
        ("data_file_ref", "documentation-only"),
        ("caveats_notes", "documentation-only"),
    ],
)
def test_validate_warns_about_caveats_and_documentation(element_id: str, code: str) -> None:
    report = validate("caveats.bpmn")
    assert_problem(report, code, element_id, "caveats.bpmn", f'id="{element_id}"', "warning")


def test_validate_compiles_a_bundle_with_only_warnings() -> None:
    report, bundle = validate_files(read_paths([VALIDATION / "caveats.bpmn"]))
    assert report.warnings and not report.errors
    assert bundle is not None
    assert set(bundle.processes) == {"caveats"}


def test_deploy_accepts_a_bundle_with_only_warnings_and_keeps_them(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = make_test_engine()
    files = read_paths([VALIDATION / "caveats.bpmn"])
    result = engine.deploy(files, deployed_by="policy")
    assert [v.version for v in result.new_versions] == [1]
    assert len(result.report.warnings) == 7
    assert len(engine.deploy(files, deployed_by="policy").report.warnings) == 7  # cached bundle
    case = engine.start_case("caveats", {}, agency="social", actor="worker").case
    assert case.status == "open"  # waiting at the event-based gateway's timers


def test_validate_finds_no_error_in_the_project_diagrams() -> None:
    """Fails as soon as someone commits a broken diagram or form: that is its purpose."""
    root = Path(__file__).parents[2]
    files = read_paths([root / "bpmn", root / "forms" / "schemas"])
    assert any(f.kind == "bpmn" for f in files)
    report, bundle = validate_files(files)
    assert report.errors == []
    assert bundle is not None


EXPORTS = [
    FIXTURES / "drawing" / "camunda_modeler.bpmn",
    FIXTURES / "drawing" / "signavio.bpmn",
    FIXTURES / "drawing" / "spiff_modeler.bpmn",
    VALIDATION / "exporters" / "camunda8_zeebe.bpmn",
    VALIDATION / "exporters" / "bpmn_io.bpmn",
    VALIDATION / "exporters" / "bizagi_pools.bpmn",
]


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.name)
def test_validate_loads_modeler_exports_or_names_each_element(path: Path) -> None:
    report, bundle = validate_files(read_paths([path]))
    assert bundle is not None or report.errors
    for problem in report.problems:
        assert problem.element_id, problem
        assert problem.line, problem
        assert (problem.file, problem.fix) == (path.name, problem.fix) and problem.fix


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.name)
def test_render_svg_draws_modeler_exports(path: Path) -> None:
    xml = path.read_bytes()
    assert has_diagram(xml)
    svg = render_svg(xml)
    assert svg.startswith("<svg") and "bpmn-no-diagram" not in svg


def test_validate_accepts_a_milestone_only_on_a_timer_event(tmp_path: Path) -> None:
    def milestone(name: str) -> str:
        return (
            "<bpmn:extensionElements><spiffworkflow:properties>"
            f'<spiffworkflow:property name="milestone" value="{name}" />'
            "</spiffworkflow:properties></bpmn:extensionElements>"
        )

    def timer(element_id: str, name: str, outgoing: str) -> str:
        return (
            f'<bpmn:intermediateCatchEvent id="{element_id}">{milestone(name)}'
            f"<bpmn:outgoing>{outgoing}</bpmn:outgoing>"
            '<bpmn:timerEventDefinition><bpmn:timeDuration>"PT1H"</bpmn:timeDuration>'
            "</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"
        )

    path = tmp_path / "milestones.bpmn"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="d">'
        '<bpmn:process id="milestones" isExecutable="true">'
        '<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>'
        '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="t_ok" />'
        + timer("t_ok", "referral_timed_out", "f2")
        + '<bpmn:sequenceFlow id="f2" sourceRef="t_ok" targetRef="t_bad" />'
        + timer("t_bad", "Timed out!", "f3")
        + '<bpmn:sequenceFlow id="f3" sourceRef="t_bad" targetRef="script" />'
        f'<bpmn:scriptTask id="script">{milestone("scripted")}'
        "<bpmn:outgoing>f4</bpmn:outgoing><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>"
        '<bpmn:sequenceFlow id="f4" sourceRef="script" targetRef="end" />'
        '<bpmn:endEvent id="end" /></bpmn:process></bpmn:definitions>\n',
        encoding="utf-8",
    )
    report, _bundle = validate_files(read_paths([path]))
    flagged = {p.element_id: p for p in report.problems if p.code == "milestone-property"}
    assert set(flagged) == {"t_bad", "script"}, report.problems
    assert "only a timer event" in flagged["script"].message
    assert "'Timed out!'" in flagged["t_bad"].message
