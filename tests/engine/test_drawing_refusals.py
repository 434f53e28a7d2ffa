"""Diagram files the renderer refuses: malformed XML, a root that is not BPMN, bad bounds,
entity expansion and external entities (engine/drawing)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from engine.drawing import has_diagram, render_svg
from engine.errors import InvalidDiagramError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "drawing"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_render_svg_raises_invalid_diagram_with_line_for_malformed_xml() -> None:
    with pytest.raises(InvalidDiagramError) as caught:
        render_svg(_read("malformed.bpmn"))

    assert caught.value.fields["line"] == 6
    assert caught.value.problems[0].line == 6


def test_render_svg_rejects_non_bpmn_root() -> None:
    with pytest.raises(InvalidDiagramError, match="definitions"):
        render_svg(b'<svg xmlns="http://www.w3.org/2000/svg"/>')


def test_render_svg_raises_invalid_diagram_for_non_numeric_bounds() -> None:
    xml = _read("signavio.bpmn").replace(b'x="105.0" y="160.0"', b'x="left" y="160.0"')

    with pytest.raises(InvalidDiagramError) as caught:
        render_svg(xml)

    assert caught.value.fields["element_id"] == "sid-Start"
    assert caught.value.fields["line"] > 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_render_svg_rejects_billion_laughs_quickly(encoding: str) -> None:
    xml = (
        _read("billion_laughs.bpmn").decode().replace('encoding="UTF-8"', f'encoding="{encoding}"')
    )
    started = time.perf_counter()

    with pytest.raises(InvalidDiagramError, match="entities"):
        render_svg(xml.encode(encoding))

    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("entry", [render_svg, has_diagram])
def test_render_svg_rejects_external_entities_without_reading_files(entry: object) -> None:
    assert callable(entry)
    started = time.perf_counter()

    with pytest.raises(InvalidDiagramError) as caught:
        entry(_read("xxe.bpmn"))

    assert time.perf_counter() - started < 0.5
    assert "root:" not in str(caught.value)
    assert caught.value.fields["line"] == 3


def test_render_svg_rejects_entities_in_encodings_the_byte_scan_misses() -> None:
    xml = _read("xxe.bpmn").decode().replace('encoding="UTF-8"', 'encoding="UTF-32"')

    with pytest.raises(InvalidDiagramError, match="entities") as caught:
        render_svg(xml.encode("utf-32"))

    assert "root:" not in str(caught.value)
