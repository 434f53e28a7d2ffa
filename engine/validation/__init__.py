"""Validate a set of diagram, decision and form files and compile them into definitions.

Every problem is reported at once, each with file, line and element id, so a
policy officer fixes a diagram in one round (docs/diagram-conventions.md).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace

from engine.config import TEXT_MAX_LENGTH
from engine.definitions import CompiledBundle
from engine.errors import ErrorReport, Problem
from engine.sources import SourceFile, content_hash
from engine.spiff.parser import NrmBpmnParser

from .checks import UNREADABLE, model_problems, not_yet_reported
from .code import bpmn_code, code_problems, dmn_code
from .forms import load_form
from .humans import human_task_problems
from .instances import DEFAULT_MAX_INSTANCES, instance_problems
from .messages import message_infos, message_problems
from .spiff import build_processes, load_into_parser
from .tasks import flow_infos, task_infos
from .textlimits import bounded_text, text_limit_warning
from .timers import param_problems
from .xml import ParsedXml, parse_xml, root_kind, schema_problems

__all__ = ["validate_files"]

_SCHEMA_LOCK = threading.Lock()  # lxml schema objects are not safe across threads


# Rules newer than some deployed versions: a version stored before them still loads.
NEWER_RULES = frozenset({"no-deadline", "due-parameter-unit"})


def validate_files(
    files: Sequence[SourceFile],
    *,
    max_instances: int = DEFAULT_MAX_INSTANCES,
    text_max_length: int = TEXT_MAX_LENGTH,
    stored: bool = False,
) -> tuple[ErrorReport, CompiledBundle | None]:
    """All problems of a bundle, and the compiled bundle when there is no error (a
    multi-instance activity may create at most `max_instances` instances; form text fields
    without maxLength take `text_max_length`). A `stored` bundle (deployed earlier) is
    checked only by the rules it was deployed under."""
    report = ErrorReport()
    bundle = CompiledBundle(content_hash=content_hash(files), files=tuple(files))
    parsed = _parse_all(files, bundle, report, text_max_length)
    unreadable = any(p.code in UNREADABLE for p in report.errors)
    for p in parsed:
        for info in task_infos(p):
            bundle.tasks[(info.process_id, info.bpmn_id)] = info
        for flow in flow_infos(p):
            bundle.flows[(flow.process_id, flow.source, flow.target)] = flow
        if p.source.kind == "bpmn":
            for message in message_infos(p):
                bundle.messages[(message.process_id, message.bpmn_id)] = message
    _check_code_and_forms(parsed, bundle, report)
    report.problems.extend(model_problems(parsed))
    for p in parsed:
        report.problems.extend(instance_problems(p, max_instances))
    if not unreadable:
        # SpiffWorkflow's own refusals, for what the checks above do not cover.
        spiff = ErrorReport()
        parser = NrmBpmnParser()
        load_into_parser(parser, parsed, spiff)
        if not spiff.errors:
            bundle.processes = build_processes(parser, parsed, bundle, spiff)
        report.problems.extend(not_yet_reported(spiff.problems, report.errors))
    if stored:
        report.problems[:] = [
            replace(p, severity="warning") if p.code in NEWER_RULES else p for p in report.problems
        ]
    return report, (None if report.errors else bundle)


def _parse_all(
    files: Sequence[SourceFile], bundle: CompiledBundle, report: ErrorReport, text_limit: int
) -> list[ParsedXml]:
    parsed: list[ParsedXml] = []
    for source in files:
        if source.kind == "form":
            schema, problems = load_form(source)
            report.problems.extend(problems)
            if schema is not None:
                report.problems.extend(text_limit_warning(source.name, schema, text_limit))
                bundle.forms[source.name] = bounded_text(schema, text_limit)
        elif source.kind in ("bpmn", "dmn"):
            result, problems = parse_xml(source)
            report.problems.extend(problems)
            if result is not None:
                report.problems.extend(_schema_check(result))
                parsed.append(result)
    return parsed


def _schema_check(parsed: ParsedXml) -> list[Problem]:
    from SpiffWorkflow.dmn.parser.BpmnDmnParser import SCHEMAS as DMN_SCHEMAS

    from .spiff import bpmn_schema, dmn_schema

    kind = root_kind(parsed)
    if kind is None or kind != parsed.source.kind:
        expected = "bpmn:definitions" if parsed.source.kind == "bpmn" else "dmn:definitions"
        return [
            Problem(
                f"The root element is not {expected}.",
                file=parsed.source.name,
                line=1,
                code="not-bpmn",
                fix="Export the file from a BPMN/DMN modeler.",
            )
        ]
    with _SCHEMA_LOCK:
        if kind == "bpmn":
            return schema_problems(parsed, bpmn_schema(parsed))
        namespace = parsed.root.nsmap.get(None) or parsed.root.nsmap.get("dmn")
        schema = dmn_schema(namespace) if namespace in DMN_SCHEMAS else None
        return schema_problems(parsed, schema) if schema is not None else []


def _check_code_and_forms(
    parsed: list[ParsedXml], bundle: CompiledBundle, report: ErrorReport
) -> None:
    for p in parsed:
        codes = list(bpmn_code(p) if p.source.kind == "bpmn" else dmn_code(p))
        for code in codes:
            report.problems.extend(code_problems(code, p.source.name))
        report.problems.extend(param_problems(codes, p.source.name))
        if p.source.kind == "bpmn":
            report.problems.extend(human_task_problems(p, bundle))
            report.problems.extend(message_problems(p, bundle))
