"""SVG rendering of BPMN diagram interchange, checked on files shaped like real exports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from engine.drawing import NO_DIAGRAM_MESSAGE, has_diagram, render_svg
from engine.drawing.svgkit import wrap
from engine.errors import UnknownProcessError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "drawing"
SVG = "{http://www.w3.org/2000/svg}"
BPMNDI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"
DI = "{http://www.omg.org/spec/DD/20100524/DI}"

# (fixture, id of the plane drawn when no process id is given)
DRAWN_FIXTURES = [
    ("camunda_modeler.bpmn", "BPMNPlane_1"),
    ("spiff_modeler.bpmn", "BPMNPlane_1"),
    ("signavio.bpmn", "sid-plane"),
]


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _render(name: str, overlay: dict[str, str] | None = None, **options: str) -> etree._Element:
    return etree.fromstring(render_svg(_read(name), overlay, **options).encode())


def _groups(svg: etree._Element) -> dict[str, etree._Element]:
    ids = ((g.get("data-element-id", ""), g) for g in svg.iter(f"{SVG}g"))
    return {element_id: g for element_id, g in ids if element_id}


def _plane(name: str, plane_id: str) -> etree._Element:
    root = etree.fromstring(_read(name))
    return next(p for p in root.iter(f"{BPMNDI}BPMNPlane") if p.get("id") == plane_id)


def _text(element: etree._Element) -> str:
    """The visible text of an element: its <text> lines joined by spaces."""
    return " ".join(
        " ".join(span.text or "" for span in text.iter(f"{SVG}tspan")) or (text.text or "")
        for text in element.iter(f"{SVG}text")
    )


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _view_box(svg: etree._Element) -> tuple[float, float, float, float]:
    x, y, width, height = (float(v) for v in svg.get("viewBox", "").split())
    return x, y, x + width, y + height


@pytest.mark.parametrize("name", [name for name, _ in DRAWN_FIXTURES])
def test_render_svg_returns_scalable_svg_for_modeler_exports(name: str) -> None:
    svg = _render(name)

    assert svg.tag == f"{SVG}svg"
    assert len(svg.get("viewBox", "").split()) == 4
    # one pixel per unit: its 12 px text is 12 px where a page shows it unscaled
    _x, _y, width, height = (float(v) for v in svg.get("viewBox", "").split())
    assert (float(svg.get("width", "")), float(svg.get("height", ""))) == (width, height)
    assert svg.find(f"{SVG}style") is not None


@pytest.mark.parametrize(("name", "plane_id"), DRAWN_FIXTURES)
def test_render_svg_draws_every_di_element_with_its_id(name: str, plane_id: str) -> None:
    plane = _plane(name, plane_id)
    expected = {di.get("bpmnElement") for di in plane}

    drawn = _groups(_render(name))

    assert expected <= set(drawn)
    assert len(expected) >= 12


@pytest.mark.parametrize(("name", "plane_id"), DRAWN_FIXTURES)
def test_render_svg_fits_view_box_around_shapes_and_waypoints(name: str, plane_id: str) -> None:
    plane = _plane(name, plane_id)
    left, top, right, bottom = _view_box(_render(name))

    for box in plane.iter(f"{DC}Bounds"):
        x, y = float(box.get("x", "")), float(box.get("y", ""))
        width, height = float(box.get("width", "")), float(box.get("height", ""))
        assert left <= x and x + width <= right, box.getparent()
        assert top <= y and y + height <= bottom, box.getparent()
    for point in plane.iter(f"{DI}waypoint"):
        assert left <= float(point.get("x", "")) <= right
        assert top <= float(point.get("y", "")) <= bottom


def test_render_svg_gives_each_element_a_tooltip_with_name_and_id() -> None:
    groups = _groups(_render("camunda_modeler.bpmn"))

    tooltip = groups["Task_NotifyProsecutor"].findtext(f"{SVG}title") or ""

    assert "Notify prosecutor" in tooltip
    assert "Task_NotifyProsecutor" in tooltip
    assert all(g.find(f"{SVG}title") is not None for g in groups.values())


def test_render_svg_escapes_names_taken_from_the_file() -> None:
    raw = render_svg(_read("camunda_modeler.bpmn"))
    task = _groups(etree.fromstring(raw.encode()))["Task_Register"]

    assert "<script>" not in raw
    assert '&lt;script&gt;&amp;"' in raw or "&lt;script&gt;&amp;&quot;" in raw
    assert '<script>&"' in _text(task)
    assert '<script>&"' in (task.findtext(f"{SVG}title") or "")


def test_render_svg_applies_overlay_states_to_nodes_and_flows() -> None:
    overlay = {
        "Task_Register": "completed",
        "Task_ComputeDeadline": "ready",
        "Task_Interview": "overdue",
        "Task_RequestShelter": "cancelled",
        "Flow_1": "covered",
        "Flow_No": "uncovered",
    }

    groups = _groups(_render("camunda_modeler.bpmn", overlay))

    assert _classes(groups["Task_Register"]) == {"bpmn-userTask", "state-completed"}
    assert _classes(groups["Task_ComputeDeadline"]) == {"bpmn-scriptTask", "state-ready"}
    assert _classes(groups["Task_Interview"]) == {"bpmn-userTask", "state-overdue"}
    assert _classes(groups["Task_RequestShelter"]) == {"bpmn-sendTask", "state-cancelled"}
    assert _classes(groups["Flow_1"]) == {"bpmn-sequenceFlow", "state-covered"}
    assert _classes(groups["Flow_No"]) == {"bpmn-sequenceFlow", "state-uncovered"}
    assert _classes(groups["Flow_2"]) == {"bpmn-sequenceFlow"}


def test_render_svg_styles_every_overlay_state() -> None:
    css = _render("camunda_modeler.bpmn").findtext(f"{SVG}style") or ""

    for state in ("completed", "ready", "overdue", "cancelled", "covered", "uncovered"):
        assert f".state-{state} .outline" in css
        assert f".state-{state} .line" in css
    assert ">" not in css  # inlined in HTML, an escaped ">" would break the rule


def test_render_svg_adds_legend_of_used_states_when_overlay_given() -> None:
    svg = _render("camunda_modeler.bpmn", {"Task_Register": "completed", "Flow_1": "covered"})

    legend = svg.find(f".//{SVG}g[@class='bpmn-legend']")

    assert legend is not None
    assert _text(legend) == "Completed Covered"


def test_render_svg_omits_legend_without_overlay() -> None:
    svg = _render("camunda_modeler.bpmn")

    assert svg.find(f".//{SVG}g[@class='bpmn-legend']") is None


def test_render_svg_omits_legend_when_the_page_shows_its_own() -> None:
    drawn = render_svg(_read("camunda_modeler.bpmn"), {"Task_Register": "completed"}, legend=False)
    svg = etree.fromstring(drawn.encode())

    assert svg.find(f".//{SVG}g[@class='bpmn-legend']") is None
    assert "state-completed" in (_groups(svg)["Task_Register"].get("class") or "")


def test_render_svg_names_elements_as_asked() -> None:
    plain = _groups(_render("camunda_modeler.bpmn"))
    named = _groups(
        etree.fromstring(
            render_svg(_read("camunda_modeler.bpmn"), names=lambda n: f"«{n}»").encode()
        )
    )

    task = _text(plain["Task_Register"])
    assert task and _text(named["Task_Register"]) == f"«{task}»"


def test_render_svg_rejects_unknown_overlay_state() -> None:
    with pytest.raises(ValueError, match="waiting"):
        render_svg(_read("camunda_modeler.bpmn"), {"Task_Register": "waiting"})


def test_render_svg_names_pool_and_lanes_in_their_bands() -> None:
    groups = _groups(_render("camunda_modeler.bpmn"))

    lane_text = groups["Lane_DutyOfficer"].find(f"{SVG}text")

    assert _text(groups["Participant_Police"]) == "Police & investigators"
    assert _text(groups["Lane_Investigator"]) == "Investigator"
    assert lane_text is not None
    assert (lane_text.get("transform") or "").startswith("rotate(-90")
    assert _text(groups["Participant_Shelter"]) == "Shelter"


def test_render_svg_defines_every_marker_that_flows_use() -> None:
    svg = _render("camunda_modeler.bpmn", {"Flow_1": "covered"})
    defined = {m.get("id") for m in svg.iter(f"{SVG}marker")}

    used = set(re.findall(r"url\(#([\w-]+)\)", etree.tostring(svg, encoding="unicode")))

    assert used <= defined
    assert {"bpmn-arrow", "bpmn-default", "bpmn-message-start", "bpmn-message-end"} <= used


def test_render_svg_marks_flow_kinds_with_bpmn_line_ends() -> None:
    groups = _groups(_render("camunda_modeler.bpmn"))

    def line(element_id: str) -> etree._Element:
        found = groups[element_id].find(f"{SVG}path[@class='line']")
        assert found is not None
        return found

    assert line("Flow_2").get("marker-end") == "url(#bpmn-arrow)"
    assert line("Flow_Yes").get("marker-start") == "url(#bpmn-default)"
    assert line("Flow_Message_Shelter").get("stroke-dasharray")
    assert line("Flow_Message_Shelter").get("marker-start") == "url(#bpmn-message-start)"
    assert line("Association_Interpreter").get("marker-end") is None
    assert line("Association_Interpreter").get("stroke-dasharray")


def test_render_svg_marks_conditional_flow_leaving_a_task() -> None:
    groups = _groups(_render("spiff_modeler.bpmn"))

    from_task = groups["Flow_0j"].find(f"{SVG}path[@class='line']")
    from_gateway = groups["Flow_Services"].find(f"{SVG}path[@class='line']")

    assert from_task is not None and from_task.get("marker-start") == "url(#bpmn-conditional)"
    assert from_gateway is not None and from_gateway.get("marker-start") is None


def test_render_svg_draws_non_interrupting_boundary_timer_dashed() -> None:
    timer = _groups(_render("camunda_modeler.bpmn"))["Timer_24h"]

    outline = timer.find(f"{SVG}circle[@class='outline']")

    assert outline is not None and outline.get("stroke-dasharray")
    assert "24 hours" in _text(timer)


def test_render_svg_draws_activity_markers_for_call_and_multi_instance() -> None:
    groups = _groups(_render("spiff_modeler.bpmn"))

    call = groups["Activity_Services"].find(f"{SVG}rect[@class='outline']")
    parallel = groups["Activity_NotifyAgencies"]
    sequential = groups["Sub_CollectDocuments"]

    assert call is not None and float(call.get("stroke-width", "0")) >= 4
    assert 'd="M 3 1 V 13' in etree.tostring(parallel, encoding="unicode")
    assert 'd="M 1 3 H 13' in etree.tostring(sequential, encoding="unicode")


def test_render_svg_draws_data_object_store_and_their_associations() -> None:
    groups = _groups(_render("signavio.bpmn"))

    for element_id in ("sid-CallRecord", "sid-Registry"):
        assert groups[element_id].find(f"{SVG}path[@class='outline']") is not None
    for element_id in ("sid-DOA", "sid-DIA"):
        line = groups[element_id].find(f"{SVG}path[@class='line']")
        assert line is not None and line.get("marker-end") == "url(#bpmn-association-end)"
    assert _text(groups["sid-Registry"]) == "Case registry"


def test_render_svg_centres_external_label_in_its_saved_bounds() -> None:
    gateway = _groups(_render("signavio.bpmn"))["sid-Known"]

    label = gateway.find(f"{SVG}text")

    assert label is not None
    assert float(label.get("x", "")) == pytest.approx(469 + 62 / 2)
    assert 130 <= float(label.get("y", "")) <= 150


def test_render_svg_draws_subprocess_plane_for_its_id() -> None:
    drawn = _groups(_render("spiff_modeler.bpmn", process_id="Sub_CollectDocuments"))

    assert set(drawn) == {"Event_SubStart", "Activity_Upload", "Event_SubEnd", "Flow_S1", "Flow_S2"}


def test_render_svg_draws_collaboration_plane_for_a_pool_process() -> None:
    drawn = _groups(_render("camunda_modeler.bpmn", process_id="Process_Identification"))

    assert {"Participant_Police", "Task_Register", "Flow_Message_Shelter"} <= set(drawn)


def test_render_svg_raises_unknown_process_for_missing_process_id() -> None:
    with pytest.raises(UnknownProcessError):
        render_svg(_read("camunda_modeler.bpmn"), process_id="Process_Missing")


def test_render_svg_uses_title_as_accessible_name() -> None:
    svg = _render("signavio.bpmn", title="Hotline <189>")

    assert svg.findtext(f"{SVG}title") == "Hotline <189>"
    assert svg.get("aria-label") == "Hotline <189>"


def test_render_svg_returns_message_when_file_has_no_diagram() -> None:
    svg = etree.fromstring(render_svg(_read("no_diagram.bpmn")).encode())

    assert svg.tag == f"{SVG}svg"
    assert NO_DIAGRAM_MESSAGE in _text(svg)
    assert "open it in a BPMN modeler and save it" in NO_DIAGRAM_MESSAGE
    assert not _groups(svg)


def test_render_svg_says_which_process_lacks_a_layout() -> None:
    xml = _read("signavio.bpmn").replace(
        b"</definitions>", b'<process id="Process_Unlaid"/></definitions>'
    )

    svg = etree.fromstring(render_svg(xml, process_id="Process_Unlaid").encode())

    assert "no diagram information (BPMNDI) for process 'Process_Unlaid'" in _text(svg)
    assert not _groups(svg)


@pytest.mark.parametrize(
    ("name", "expected"),
    [(name, True) for name, _ in DRAWN_FIXTURES] + [("no_diagram.bpmn", False)],
)
def test_has_diagram_reports_whether_layout_exists(name: str, expected: bool) -> None:
    assert has_diagram(_read(name)) is expected


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Notify prosecutor", 90, ["Notify", "prosecutor"]),
        ("Compute\ndecision deadline", 200, ["Compute", "decision deadline"]),
        ("Supercalifragilistic", 52, ["Supercal", "ifragili", "stic"]),
        ("Предполагаемую жертву", 90, ["Предполагаемую", "жертву"]),
        ("", 90, []),
    ],
)
def test_wrap_breaks_names_to_fit_shape_width(text: str, width: float, expected: list[str]) -> None:
    assert wrap(text, width) == expected
