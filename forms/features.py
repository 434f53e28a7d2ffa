"""Gherkin feature files read for people: features, backgrounds, scenarios, steps, tables.

A small reader for the subset `features/*.feature` uses (tags, Background, Scenario,
Scenario Outline with Examples, data tables); the scenarios themselves run in pytest-bdd.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

STEP_KEYWORDS = ("Given", "When", "Then", "And", "But", "*")
_SCENARIO = re.compile(r"^(Scenario Outline|Scenario Template|Scenario|Example):\s*(.*)$")


@dataclass
class Step:
    """One step and its data table (rows of cells)."""

    keyword: str
    text: str
    table: list[list[str]] = field(default_factory=list)


@dataclass
class Scenario:
    """A scenario (or outline with its examples table, header first)."""

    name: str
    line: int
    tags: list[str] = field(default_factory=list)
    outline: bool = False
    steps: list[Step] = field(default_factory=list)
    examples: list[list[str]] = field(default_factory=list)

    def run_names(self) -> list[str]:
        """The names its runs carry: one per example row of an outline."""
        if not self.outline or len(self.examples) < 2:
            return [self.name]
        header = self.examples[0]
        names = []
        for row in self.examples[1:]:
            name = self.name
            for key, value in zip(header, row, strict=False):
                name = name.replace(f"<{key}>", value)
            names.append(name)
        return names


@dataclass
class Feature:
    """One feature file."""

    file: str
    name: str = ""
    description: list[str] = field(default_factory=list)
    background: list[Step] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=list)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


class _Reader:
    def __init__(self, file: str) -> None:
        self.feature = Feature(file)
        self.tags: list[str] = []
        self.steps: list[Step] | None = None
        self.in_examples = False

    def line(self, number: int, text: str) -> None:
        if not text or text.startswith("#"):
            return
        scenario = _SCENARIO.match(text)
        if text.startswith("@"):
            self.tags += text.split()
        elif text.startswith("Feature:"):
            self.feature.name = text.removeprefix("Feature:").strip()
        elif text.startswith("Background:"):
            self.steps, self.in_examples = self.feature.background, False
        elif scenario is not None:
            self._scenario(number, scenario)
        elif text.startswith("Examples:") or text.startswith("Scenarios:"):
            self.in_examples = True
        elif text.startswith("|"):
            self._row(_cells(text))
        elif text.split(" ", 1)[0] in STEP_KEYWORDS and self.steps is not None:
            keyword, _, rest = text.partition(" ")
            self.steps.append(Step(keyword, rest.strip()))
        elif self.steps is None:
            self.feature.description.append(text)

    def _scenario(self, number: int, match: re.Match[str]) -> None:
        outline = match.group(1) in ("Scenario Outline", "Scenario Template")
        scenario = Scenario(match.group(2).strip(), number, self.tags, outline)
        self.feature.scenarios.append(scenario)
        self.tags, self.steps, self.in_examples = [], scenario.steps, False

    def _row(self, cells: list[str]) -> None:
        if self.in_examples and self.feature.scenarios:
            self.feature.scenarios[-1].examples.append(cells)
        elif self.steps:
            self.steps[-1].table.append(cells)


def parse(text: str, file: str = "") -> Feature:
    """Read one feature file's text."""
    reader = _Reader(file)
    for number, raw in enumerate(text.splitlines(), start=1):
        reader.line(number, raw.strip())
    return reader.feature


def read_all(folder: Path) -> list[Feature]:
    """Every `*.feature` of a folder, by file name."""
    if not folder.is_dir():
        return []
    return [parse(p.read_text("utf-8"), p.name) for p in sorted(folder.glob("*.feature"))]
