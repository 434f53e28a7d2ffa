"""The public entry points: render a BPMN file's diagram as SVG, or ask whether it has one."""

from __future__ import annotations

from collections.abc import Mapping

from engine.drawing.model import ElementState
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


def render_svg(
    xml: bytes,
    overlay: Mapping[str, str] | None = None,
    *,
    process_id: str | None = None,
    title: str | None = None,
) -> str:
    """Draw the diagram of a BPMN file as a standalone SVG, coloured by `overlay` states."""
    states = _states(overlay)
    root = parse_bpmn(xml)
    index = semantic_index(root)
    plane = choose_plane(root, index, process_id)
    if plane is None:
        # The file may lay out other processes; then say which one lacks a layout.
        elsewhere = process_id is not None and has_plane_content(root)
        return no_diagram_document(title, process_id if elsewhere else None)
    diagram = read_diagram(index, plane)
    return build_document(diagram, states, title, legend=overlay is not None)


def has_diagram(xml: bytes) -> bool:
    """True when the BPMN file holds layout (BPMNDI) with at least one shape or edge."""
    return has_plane_content(parse_bpmn(xml))
