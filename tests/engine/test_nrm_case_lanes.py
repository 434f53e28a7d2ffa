"""nrm_case's drawing: every user task is drawn inside the band of the lane that does it.

A task drawn in another agency's band misleads the reader of the diagram about who acts (issue
16, brief item 8: the child-protection body's steps of "Consent withdrawn" were drawn in the
social services' and serving agency's bands)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

BPMN = Path(__file__).resolve().parents[2] / "bpmn" / "nrm_case.bpmn"
NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
}


def _bounds(root: etree._Element) -> dict[str, tuple[float, float, float, float]]:
    found = {}
    for shape in root.iterfind(".//bpmndi:BPMNShape", NS):
        box = shape.find("dc:Bounds", NS)
        found[shape.get("bpmnElement")] = tuple(
            float(box.get(k)) for k in ("x", "y", "width", "height")
        )
    return found


def test_nrm_case_user_tasks_are_drawn_in_their_lane() -> None:
    root = etree.parse(str(BPMN)).getroot()
    bounds = _bounds(root)
    user_tasks = {t.get("id") for t in root.iterfind(".//bpmn:userTask", NS)}
    outside = []
    for lane in root.iterfind(".//bpmn:lane", NS):
        _, top, _, height = bounds[lane.get("id")]
        for ref in lane.iterfind("bpmn:flowNodeRef", NS):
            if ref.text not in user_tasks:
                continue
            _, y, _, h = bounds[ref.text]
            if not (top <= y and y + h <= top + height):
                outside.append(f"{ref.text} outside {lane.get('id')}")
    assert outside == []
