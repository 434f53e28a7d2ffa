"""Hand validated XML to SpiffWorkflow's parser and turn its refusals into problems."""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.dmn.parser.BpmnDmnParser import SCHEMAS as DMN_SCHEMAS
from SpiffWorkflow.exceptions import SpiffWorkflowException

from engine.definitions import CompiledBundle, ProcessDefinition
from engine.errors import ErrorReport, Problem
from engine.spiff.messages import prepare_event_subprocesses
from engine.spiff.parser import VALIDATOR

from .tasks import form_of
from .xml import BPMN_NS, ParsedXml


def bpmn_schema(parsed: ParsedXml) -> etree.XMLSchema:
    """The BPMN 2.0 schema with spiff extensions (after spiff's own preprocessing)."""
    VALIDATOR.preprocess(parsed.root)
    schema: etree.XMLSchema = VALIDATOR.validator
    return schema


@functools.cache
def dmn_schema(namespace: str) -> etree.XMLSchema:
    """The DMN schema for a DMN namespace version."""
    return etree.XMLSchema(etree.parse(DMN_SCHEMAS[namespace]))


def _problem(exc: Exception, parsed: ParsedXml | None) -> Problem:
    element_id = getattr(exc, "id", None) or None
    line = getattr(exc, "line_number", None) or None
    if parsed is not None and not line:
        line = parsed.line_of(element_id)
    file = parsed.source.name if parsed else (getattr(exc, "file_name", None) or None)
    message = str(exc).rstrip(". ")
    return Problem(
        message,
        file=file,
        line=line if isinstance(line, int) else None,
        element_id=element_id,
        code="bpmn",
        fix="SpiffWorkflow refused the element as described; correct it in a BPMN modeler.",
    )


def load_into_parser(parser: Any, parsed: list[ParsedXml], report: ErrorReport) -> None:
    """Add every file to the parser; each refusal becomes a problem naming the element."""
    for p in parsed:
        try:
            if p.source.kind == "bpmn":
                parser.add_bpmn_xml(p.root, filename=p.source.name)
            else:
                parser.add_dmn_xml(p.root, filename=p.source.name)
        except (ValidationException, SpiffWorkflowException) as exc:
            report.problems.append(_problem(exc, p))


def build_processes(
    parser: Any, parsed: list[ParsedXml], bundle: CompiledBundle, report: ErrorReport
) -> dict[str, ProcessDefinition]:
    """Parse every executable process with what it calls; missing call targets are problems."""
    by_file = {p.source.name: p for p in parsed}
    processes: dict[str, ProcessDefinition] = {}
    for process_id in parser.get_process_ids():
        source = _file_of(parser, process_id)
        try:
            spec = parser.get_spec(process_id)
            subprocess_specs = parser.get_subprocess_specs(process_id)
            prepare_event_subprocesses(spec, subprocess_specs)
        except (ValidationException, SpiffWorkflowException) as exc:
            report.problems.append(_call_problem(exc, by_file.get(source or "")))
            continue
        processes[process_id] = ProcessDefinition(
            process_id=process_id,
            name=spec.description or process_id,
            file=source or "",
            spec=spec,
            subprocess_specs=subprocess_specs,
            content_hash=_process_hash(spec, subprocess_specs, bundle),
            start_form=_start_form(by_file.get(source or ""), process_id),
        )
    return processes


def _file_of(parser: Any, process_id: str) -> str | None:
    process_parser = parser.get_process_parser(process_id)
    return getattr(process_parser, "filename", None)


def _call_problem(exc: Exception, parsed: ParsedXml | None) -> Problem:
    problem = _problem(exc, parsed)
    if "was not found" in problem.message:
        return Problem(
            problem.message,
            file=problem.file,
            line=problem.line,
            element_id=problem.element_id,
            code="call-target",
            fix="Deploy the called process too, or correct calledElement.",
        )
    return problem


def _start_form(parsed: ParsedXml | None, process_id: str) -> str | None:
    if parsed is None:
        return None
    for process in parsed.root.iter(f"{{{BPMN_NS}}}process"):
        if process.get("id") == process_id:
            for start in process.findall(f"{{{BPMN_NS}}}startEvent"):
                return form_of(start)
    return None


def _process_hash(spec: Any, subprocess_specs: dict[str, Any], bundle: CompiledBundle) -> str:
    """Hash of the files a process depends on: its diagrams, every decision table, its forms."""
    names = {spec.file} | {s.file for s in subprocess_specs.values() if s is not None}
    names |= {f.name for f in bundle.files if f.kind == "dmn"}
    specs = [spec, *[s for s in subprocess_specs.values() if s is not None]]
    for s in specs:
        for task_spec in s.task_specs.values():
            properties = (getattr(task_spec, "extensions", None) or {}).get("properties", {})
            for form in (properties.get("formJsonSchemaFilename"), properties.get("messageSchema")):
                if form:
                    names.add(form)
    h = hashlib.sha256()
    for f in sorted((f for f in bundle.files if f.name in names), key=lambda f: f.name):
        h.update(f.name.encode() + b"\0" + f.digest.encode() + b"\n")
    return h.hexdigest()
