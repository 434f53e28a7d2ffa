"""`nrm validate` and `nrm draw` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from engine.cli import app

FIXTURES = Path(__file__).parents[1] / "fixtures"
VALIDATION = FIXTURES / "validation"
runner = CliRunner()


def test_validate_prints_problems_grouped_by_file_in_line_order() -> None:
    result = runner.invoke(
        app, ["validate", str(VALIDATION / "gateways.bpmn"), str(VALIDATION / "graph.bpmn")]
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-1] == "2 file(s): 4 error(s), 1 warning(s)"
    body = lines[:-1]
    assert body[3] == ""  # a blank line between the two files
    gateways, graph = body[:3], body[4:]
    assert all(line.startswith("gateways.bpmn:") for line in gateways)
    assert all(line.startswith("graph.bpmn:") for line in graph)
    numbers = [int(line.split(":")[1].split()[0]) for line in gateways]
    assert numbers == sorted(numbers)
    assert gateways[0].startswith(f"gateways.bpmn:{numbers[0]} [f_no] error: Flow 'no' (f_no)")
    assert " — Give the flow a condition" in gateways[0]


def test_validate_exits_zero_with_only_warnings() -> None:
    result = runner.invoke(app, ["validate", str(VALIDATION / "caveats.bpmn")])
    assert result.exit_code == 0
    assert "warning: eventBasedGateway" in result.output
    assert result.output.splitlines()[-1] == "1 file(s): 0 error(s), 7 warning(s)"


def test_validate_json_lists_errors_and_warnings_apart() -> None:
    result = runner.invoke(app, ["validate", "--json", str(VALIDATION / "partners.bpmn")])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [p["code"] for p in report["errors"]] == ["no-sender"]
    assert [(p["code"], p["element_id"]) for p in report["warnings"]] == [
        ("no-receiver", "end_notice")
    ]


def test_draw_writes_svg_of_a_diagram(tmp_path: Path) -> None:
    out = tmp_path / "camunda.svg"
    result = runner.invoke(
        app, ["draw", str(FIXTURES / "drawing" / "camunda_modeler.bpmn"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'data-element-id="Task_Register"' in svg


def test_draw_draws_one_process_of_a_collaboration(tmp_path: Path) -> None:
    out = tmp_path / "ngo.svg"
    path = VALIDATION / "exporters" / "bizagi_pools.bpmn"
    result = runner.invoke(app, ["draw", str(path), "-o", str(out), "--process", "Id_proc_ngo"])
    assert result.exit_code == 0, result.output
    assert "Id_task_shelter" in out.read_text(encoding="utf-8")


def test_draw_says_so_when_the_file_has_no_diagram(tmp_path: Path) -> None:
    out = tmp_path / "none.svg"
    result = runner.invoke(
        app, ["draw", str(FIXTURES / "drawing" / "no_diagram.bpmn"), "-o", str(out)]
    )
    assert result.exit_code == 0
    assert "no diagram information" in result.output
    assert not out.exists()


def test_draw_fails_with_the_problem_for_malformed_xml(tmp_path: Path) -> None:
    out = tmp_path / "bad.svg"
    result = runner.invoke(
        app, ["draw", str(FIXTURES / "drawing" / "malformed.bpmn"), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "not well-formed XML (line" in result.output
    assert not out.exists()


def test_draw_fails_for_an_unknown_process(tmp_path: Path) -> None:
    path = FIXTURES / "drawing" / "camunda_modeler.bpmn"
    result = runner.invoke(
        app, ["draw", str(path), "-o", str(tmp_path / "x.svg"), "--process", "nope"]
    )
    assert result.exit_code == 1
    assert "'nope'" in result.output
