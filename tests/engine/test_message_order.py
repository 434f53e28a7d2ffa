"""A message that reaches several catchers of one process instance reaches the ones that do
not interrupt first (engine/cases.py `deliver_message`): repatriation's "Consent to help
withdrawn: the return goes on" (non-interrupting) and "Consent withdrawn" (interrupting) both
take a withdrawal of help and return, and the case comes out the same whichever of the two
the diagram file lists first."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.scenario_gate import ScenarioGate
from engine.sources import SourceFile
from tests.library import library_files

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = (
    "a citizen who withdraws her consent on the way home but still wants some help gets it "
    "agreed and provided by the social services that received her"
)
HELP = '    <bpmn:subProcess id="esp_return_help_withdrawn"'
WITHDRAWN = '    <bpmn:subProcess id="esp_return_consent_withdrawn"'
END = "\n    </bpmn:subProcess>"


def interrupting_first(text: str) -> str:
    """repatriation.bpmn with its interrupting "Consent withdrawn" moved before the
    non-interrupting "Consent to help withdrawn" (they follow each other in the file)."""
    first, second = text.index(HELP), text.index(WITHDRAWN)
    assert first < second, "the file already lists the interrupting one first"
    end = text.index(END, second) + len(END)
    return text[:first] + text[second:end] + "\n" + text[first:second].rstrip("\n") + text[end:]


def one_scenario(feature: str, title: str) -> str:
    """The feature file's header and the one scenario whose title starts so (with its tags)."""
    lines = feature.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Scenario"))
    while lines[start - 1].strip().startswith("@"):
        start -= 1
    header = "".join(lines[:start])
    at = next(i for i, line in enumerate(lines) if title in line)
    begin = at
    while lines[begin - 1].strip().startswith("@"):
        begin -= 1
    end = next(
        (i for i in range(at + 1, len(lines)) if lines[i].strip().startswith(("Scenario", "@"))),
        len(lines),
    )
    return header + "".join(lines[begin:end])


@pytest.mark.gate
def test_a_withdrawal_of_help_and_return_comes_out_the_same_whatever_the_file_order(
    tmp_path: Path,
) -> None:
    files = []
    for source in library_files():
        if source.name == "repatriation.bpmn":
            text = (
                bytes(source.content).decode()
                if not isinstance(source.content, str)
                else source.content
            )
            source = SourceFile(source.name, interrupting_first(text).encode())
        files.append(source)
    feature = (ROOT / "features" / "nrm_case.feature").read_text("utf-8")
    (tmp_path / "nrm_case.feature").write_text(one_scenario(feature, SCENARIO), "utf-8")
    report = ScenarioGate(features_dir=tmp_path).check(files, ["nrm_case"])
    assert report.passed and len(report.scenarios) == 1, report.lines()
