"""Path coverage of the executable scenarios: which sequence flows and lanes they take.

The feature suite records, per scenario, the flows its cases took
(`Engine.case_path`); this module turns those records and the compiled
diagrams into a report (JSON, Markdown, HTML) and a pass/fail check.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from engine.definitions import CompiledBundle


@dataclass
class ScenarioRecord:
    """One scenario's result and the path its cases took."""

    feature: str
    name: str
    status: str  # passed | failed
    finished_at: str
    flows: list[tuple[str, str]] = field(default_factory=list)
    elements: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None

    @property
    def title(self) -> str:
        """`feature file: scenario name`."""
        return f"{self.feature}: {self.name}"


@dataclass
class FlowCoverage:
    """One sequence flow and the scenarios that take it."""

    flow_id: str
    source: str
    target: str
    name: str
    covered_by: list[str] = field(default_factory=list)


@dataclass
class ProcessCoverage:
    """Flow and lane coverage of one diagram."""

    process_id: str
    file: str
    flows: list[FlowCoverage] = field(default_factory=list)
    lanes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def uncovered(self) -> list[FlowCoverage]:
        """Flows no passing scenario takes."""
        return [f for f in self.flows if not f.covered_by]

    @property
    def percent(self) -> float:
        """Share of flows covered, in percent."""
        return 100.0 if not self.flows else 100.0 * (1 - len(self.uncovered) / len(self.flows))


def build_report(
    bundle: CompiledBundle,
    records: Iterable[ScenarioRecord],
) -> list[ProcessCoverage]:
    """Coverage per process of the bundle, from the scenarios that passed."""
    passed = [r for r in records if r.status == "passed"]
    report = []
    for process_id, definition in sorted(bundle.processes.items()):
        flows = sorted(
            {
                (f.flow_id, f.source, f.target, f.name)
                for f in bundle.flows.values()
                if f.process_id == process_id
            }
        )
        coverage = ProcessCoverage(
            process_id,
            definition.file,
            [
                FlowCoverage(
                    fid,
                    src,
                    dst,
                    name,
                    sorted({r.title for r in passed if (process_id, fid) in r.flows}),
                )
                for fid, src, dst, name in flows
            ],
        )
        lanes = {
            t.lane_id for t in bundle.tasks.values() if t.process_id == process_id and t.lane_id
        }
        for lane in sorted(lanes):
            members = {
                t.bpmn_id
                for t in bundle.tasks.values()
                if t.process_id == process_id and t.lane_id == lane
            }
            coverage.lanes[lane] = sorted(
                {r.title for r in passed for p, e in r.elements if p == process_id and e in members}
            )
        report.append(coverage)
    return report


def to_json(report: list[ProcessCoverage], records: list[ScenarioRecord]) -> str:
    """The report and the scenario results as JSON (read by the web pages and `nrm coverage`)."""
    return json.dumps(
        {"scenarios": [asdict(r) for r in records], "processes": [asdict(p) for p in report]},
        indent=1,
    )


def from_json(text: str) -> tuple[list[ProcessCoverage], list[ScenarioRecord]]:
    """Read back what `to_json` wrote."""
    raw = json.loads(text)
    records = [
        ScenarioRecord(
            **{
                **r,
                "flows": [tuple(x) for x in r["flows"]],
                "elements": [tuple(x) for x in r["elements"]],
            }
        )
        for r in raw["scenarios"]
    ]
    report = [
        ProcessCoverage(
            p["process_id"], p["file"], [FlowCoverage(**f) for f in p["flows"]], p["lanes"]
        )
        for p in raw["processes"]
    ]
    return report, records


def to_markdown(report: list[ProcessCoverage]) -> str:
    """One table per diagram: every flow, covered or not, and by which scenarios."""
    lines = ["# Path coverage of the scenarios", ""]
    for p in report:
        lines += [
            f"## {p.process_id} ({p.file}) — {p.percent:.0f} % of {len(p.flows)} flows",
            "",
            "| flow | from → to | scenarios |",
            "|---|---|---|",
        ]
        for f in p.flows:
            who = "; ".join(f.covered_by) if f.covered_by else "**not covered**"
            lines.append(f"| `{f.flow_id}` {f.name} | `{f.source}` → `{f.target}` | {who} |")
        lines += ["", "| lane | scenarios |", "|---|---|"]
        lines += [f"| `{lane}` | {len(s) or '**none**'} |" for lane, s in p.lanes.items()]
        lines.append("")
    return "\n".join(lines)


def to_html(report: list[ProcessCoverage]) -> str:
    """A standalone HTML page with the uncovered flows first."""
    esc = html.escape
    parts = [
        "<!doctype html><meta charset=utf-8><title>Path coverage</title>",
        "<style>body{font:14px sans-serif;margin:2em}td,th{border:1px solid #ccc;"
        "padding:4px}table{border-collapse:collapse}.no{color:#b00}</style>",
        "<h1>Path coverage of the scenarios</h1>",
    ]
    for p in report:
        parts.append(f"<h2>{esc(p.process_id)} — {p.percent:.0f} % of {len(p.flows)} flows</h2>")
        if p.uncovered:
            items = "".join(
                f"<li class=no>{esc(f.flow_id)}: {esc(f.source)} → {esc(f.target)}"
                for f in p.uncovered
            )
            parts.append(f"<p>Not covered:</p><ul>{items}</ul>")
        rows = "".join(
            f"<tr><td>{esc(f.flow_id)}</td><td>{esc(f.source)} → {esc(f.target)}"
            f"</td><td>{esc('; '.join(f.covered_by)) or '<b class=no>none</b>'}</td>"
            "</tr>"
            for f in p.flows
        )
        parts.append(
            f"<table><tr><th>flow</th><th>from → to</th><th>scenarios</th></tr>{rows}</table>"
        )
    return "".join(parts)


def uncovered(report: list[ProcessCoverage]) -> Mapping[str, list[str]]:
    """Uncovered flow ids per process (empty when everything is covered)."""
    return {p.process_id: [f.flow_id for f in p.uncovered] for p in report if p.uncovered}


def write_reports(
    directory: Path, report: list[ProcessCoverage], records: list[ScenarioRecord]
) -> dict[str, Any]:
    """Write scenarios.json, path-coverage.md and path-coverage.html; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {
        "json": directory / "scenarios.json",
        "markdown": directory / "path-coverage.md",
        "html": directory / "path-coverage.html",
    }
    paths["json"].write_text(to_json(report, records), encoding="utf-8")
    paths["markdown"].write_text(to_markdown(report), encoding="utf-8")
    paths["html"].write_text(to_html(report), encoding="utf-8")
    return paths
