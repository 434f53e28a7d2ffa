"""Lanes, names and forms of every flow node, read from the diagram XML."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from engine.definitions import FlowInfo, TaskInfo

from .code import SPIFF_NS
from .xml import BPMN_NS, ParsedXml

FORM_PROPERTY = "formJsonSchemaFilename"
INSTANCE_LABEL_PROPERTY = "instanceLabel"
DUE_PROPERTY = "dueParameter"
CONTAINERS = {
    f"{{{BPMN_NS}}}{name}" for name in ("process", "subProcess", "transaction", "adHocSubProcess")
}
PROCESS_TAG = f"{{{BPMN_NS}}}process"
USER_TASKS = {f"{{{BPMN_NS}}}userTask", f"{{{BPMN_NS}}}manualTask"}


def _lane_index(process: etree._Element) -> dict[str, str]:
    """flow node id -> id of the innermost lane holding it."""
    index: dict[str, str] = {}
    for lane in process.iter(f"{{{BPMN_NS}}}lane"):
        for ref in lane.findall(f"{{{BPMN_NS}}}flowNodeRef"):
            if ref.text:
                index[ref.text.strip()] = lane.get("id", "")  # inner lanes come later: win
    return index


def spiff_property(element: etree._Element, name: str) -> str | None:
    """The value of a spiffworkflow property of the element itself (not of one inside it)."""
    path = f"{{{BPMN_NS}}}extensionElements/{{{SPIFF_NS}}}properties/{{{SPIFF_NS}}}property"
    for prop in element.iterfind(path):
        if prop.get("name") == name and prop.get("value"):
            return str(prop.get("value")).strip()
    return None


def form_of(element: etree._Element) -> str | None:
    """The form file a task or start event names, if any."""
    return spiff_property(element, FORM_PROPERTY)


def _lane_of(element: etree._Element, lanes: dict[str, str]) -> str | None:
    node: etree._Element | None = element
    while node is not None:
        lane = lanes.get(node.get("id", ""))
        if lane:
            return lane
        node = node.getparent()
    return None


def task_infos(parsed: ParsedXml) -> Iterator[TaskInfo]:
    """A TaskInfo for every flow node, keyed by its process and by its embedded sub-process."""
    for process in parsed.root.iter(f"{{{BPMN_NS}}}process"):
        lanes = _lane_index(process)
        top_id = process.get("id", "")
        for element in process.iter():
            if not isinstance(element.tag, str) or element is process or not element.get("id"):
                continue
            container = element.getparent()
            while container is not None and container.tag not in CONTAINERS:
                container = container.getparent()
            bpmn_id = element.get("id", "")
            name = element.get("name") or bpmn_id
            lane, form = _lane_of(element, lanes), form_of(element)
            label = spiff_property(element, INSTANCE_LABEL_PROPERTY)
            due = spiff_property(element, DUE_PROPERTY)
            yield TaskInfo(top_id, bpmn_id, name, lane, form, label, due)
            if container is not None and container is not process:
                yield TaskInfo(container.get("id", ""), bpmn_id, name, lane, form, label, due)


def flow_infos(parsed: ParsedXml) -> Iterator[FlowInfo]:
    """Every sequence flow, keyed under its process and its embedded sub-process."""
    for process in parsed.root.iter(f"{{{BPMN_NS}}}process"):
        for flow in process.iter(f"{{{BPMN_NS}}}sequenceFlow"):
            container = flow.getparent()
            owner = container.get("id", "") if container is not None else ""
            args = (
                flow.get("id", ""),
                flow.get("sourceRef", ""),
                flow.get("targetRef", ""),
                flow.get("name") or "",
            )
            yield FlowInfo(owner, *args)
            if owner != process.get("id"):
                yield FlowInfo(process.get("id", ""), *args)
