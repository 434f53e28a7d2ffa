"""The public entry points: render a BPMN file's diagram as SVG, or ask whether it has one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from engine.drawing.model import Diagram, ElementState
from engine.drawing.reader import choose_plane, has_plane_content, read_diagram, semantic_index
from engine.drawing.svg import build_document, no_diagram_document
from engine.drawing.xmlsafe import parse_bpmn


def _states(overlay: Mapping[str, str] | None) -> dict[str, ElementState]:
    """Overlay values as states; an unknown state is a caller bug, so it fails loudly."""
    if overlay is None:
        return {}
    known = ", ".join(ElementState)
    states: dict[str, ElementState] = {}
    for element_id, state in overlay.items():
        try:
            states[element_id] = ElementState(state)
        except ValueError:
            raise ValueError(
                f"Unknown overlay state {state!r} for {element_id!r}; use {known}"
            ) from None
    return states


def _named(diagram: Diagram, names: Callable[[str], str]) -> Diagram:
    """The diagram with every shape's and flow's name as `names` gives it (a language)."""
    return replace(
        diagram,
        shapes=tuple(replace(s, name=names(s.name)) if s.name else s for s in diagram.shapes),
        edges=tuple(replace(e, name=names(e.name)) if e.name else e for e in diagram.edges),
    )


def render_svg(
    xml: bytes,
    overlay: Mapping[str, str] | None = None,
    *,
    process_id: str | None = None,
    title: str | None = None,
    names: Callable[[str], str] | None = None,
    legend: bool = True,
) -> str:
    """Draw the diagram of a BPMN file as a standalone SVG, coloured by `overlay` states;
    element names as `names` gives them (say, in the reader's language); the legend of
    the states used unless the page shows its own."""
    states = _states(overlay)
    root = parse_bpmn(xml)
    index = semantic_index(root)
    plane = choose_plane(root, index, process_id)
    if plane is None:
        # The file may lay out other processes; then say which one lacks a layout.
        elsewhere = process_id is not None and has_plane_content(root)
        return no_diagram_document(title, process_id if elsewhere else None)
    diagram = read_diagram(index, plane)
    if names is not None:
        diagram = _named(diagram, names)
    return build_document(diagram, states, title, legend=legend and overlay is not None)


def has_diagram(xml: bytes) -> bool:
    """True when the BPMN file holds layout (BPMNDI) with at least one shape or edge."""
    return has_plane_content(parse_bpmn(xml))
