"""Process diagrams as SVG: any deployed version, optionally coloured by scenario coverage.

A mixin of `engine.facade.Engine` (a case's own diagram: `engine.casediagram`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlalchemy.engine import Engine as Database
from sqlmodel import Session

from engine import versions
from engine.context import EngineContext
from engine.coverage import from_json
from engine.db import read_session
from engine.definitions import CompiledBundle
from engine.drawing import ElementState, render_svg
from engine.errors import UnknownProcessError
from engine.library import LoadedVersion


def coverage_overlay(report_json: str, process_id: str) -> dict[str, str]:
    """Element and flow states from a scenario report (`reports/scenarios.json`): taken
    by a passing scenario (covered) or by none (uncovered)."""
    processes, records = from_json(report_json)
    reached = {e for r in records if r.status == "passed" for p, e in r.elements if p == process_id}
    states: dict[str, str] = {}
    for p in (p for p in processes if p.process_id == process_id):
        for f in p.flows:
            states[f.flow_id] = _covered(bool(f.covered_by))
            states.update((n, _covered(n in reached)) for n in (f.source, f.target))
    return states


def path_overlay(report_json: str, process_id: str, scenario: str) -> dict[str, str]:
    """The elements and flows of a process one scenario's run took (`feature: name`, as
    its record's title), all `completed`; empty when the report has no such run."""
    _processes, records = from_json(report_json)
    states: dict[str, str] = {}
    for record in (r for r in records if r.title == scenario):
        for p, element in [*record.elements, *record.flows]:
            if p == process_id:
                states[element] = ElementState.COMPLETED
    return states


def _covered(yes: bool) -> str:
    return ElementState.COVERED if yes else ElementState.UNCOVERED


def _draw(
    bundle: CompiledBundle,
    process_id: str,
    title: str,
    overlay: Mapping[str, str] | None,
    names: Callable[[str], str] | None = None,
    legend: bool = True,
) -> str:
    """A process's diagram from a bundle as SVG (UnknownProcessError if it has none)."""
    definition = bundle.processes.get(process_id)
    source = bundle.file(definition.file) if definition else None
    if source is None:
        raise UnknownProcessError(f"No diagram for {process_id!r}.", process_id=process_id)
    return render_svg(
        source.content, overlay, process_id=process_id, title=title, names=names, legend=legend
    )


class Diagrams:
    """Process diagrams as SVG."""

    db: Database
    ctx: EngineContext

    def process_diagram(
        self,
        process_id: str,
        *,
        version: int | None = None,
        coverage: str | None = None,
        scenario: str | None = None,
        names: Callable[[str], str] | None = None,
    ) -> str:
        """A version's diagram (the newest by default) as SVG; with `coverage` (the text of
        a scenario report), coloured by what the scenarios take, or with `scenario` too by
        the path that one scenario's run took; element names as `names` gives them."""
        with read_session(self.db) as session:
            loaded = self._version(session, process_id, version)
        overlay = None
        if coverage is not None:
            overlay = (
                path_overlay(coverage, process_id, scenario)
                if scenario is not None
                else coverage_overlay(coverage, process_id)
            )
        title = f"{loaded.version.name} (version {loaded.version.version})"
        # one scenario's path has one state: the page says what it shows
        return _draw(loaded.bundle, process_id, title, overlay, names, legend=scenario is None)

    def _version(self, session: Session, process_id: str, number: int | None) -> LoadedVersion:
        if number is None:
            return self.ctx.library.latest(session, process_id)
        row = versions.version_row(session, process_id, number)
        assert row.id is not None
        return self.ctx.library.version(session, row.id)
