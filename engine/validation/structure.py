"""Checks across the files of a bundle: process ids, call activity targets, event partners."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from engine.errors import Problem

from .code import SPIFF_NS
from .messages import senders_of
from .model import executable_processes, has_definition, label, local, problem, tag
from .xml import ParsedXml, line_of


def structure_problems(parsed: Sequence[ParsedXml]) -> Iterator[Problem]:
    """Duplicate process ids, missing call targets, messages and signals without a partner."""
    bpmn = [p for p in parsed if p.source.kind == "bpmn"]
    yield from duplicate_processes(bpmn)
    yield from call_targets(bpmn)
    yield from decision_refs(bpmn, [p for p in parsed if p.source.kind == "dmn"])
    for kind in ("message", "signal"):
        yield from partners(bpmn, kind)


def duplicate_processes(parsed: Sequence[ParsedXml]) -> Iterator[Problem]:
    """A process id defined twice: the engine could not tell which one a case runs."""
    seen: dict[str, tuple[ParsedXml, etree._Element]] = {}
    for p in parsed:
        for process in p.root.iter(tag("process")):
            process_id = process.get("id", "")
            first = seen.get(process_id)
            if first is None:
                seen[process_id] = (p, process)
                continue
            where = f"{first[0].source.name} (line {line_of(first[1])})"
            yield problem(
                p,
                process,
                f"Process id {process_id!r} is defined in {where} and again in "
                f"{p.source.name} (line {line_of(process)}).",
                code="duplicate-process",
                fix="Give each process its own id (one SOP per file, the id is the file name).",
            )


def call_targets(parsed: Sequence[ParsedXml]) -> Iterator[Problem]:
    """Every call activity whose called process is not in the bundle, or not executable."""
    executable = {pr.get("id") for p in parsed for pr in executable_processes(p)}
    known = {pr.get("id") for p in parsed for pr in p.root.iter(tag("process"))}
    for p in parsed:
        for process in executable_processes(p):
            for call in process.iter(tag("callActivity")):
                target = (call.get("calledElement") or "").strip()
                if target in executable:
                    continue
                if not target:
                    why = "names no process to call (calledElement is empty)"
                elif target in known:
                    why = f"calls process {target!r}, which is marked not executable"
                else:
                    why = f"calls process {target!r}, which is not in the deployment"
                yield problem(
                    p,
                    call,
                    f"Call activity {label(call)} {why}.",
                    code="call-target",
                    fix="Deploy the called process's file too, or correct calledElement.",
                )


def decision_refs(parsed: Sequence[ParsedXml], dmn: Sequence[ParsedXml]) -> Iterator[Problem]:
    """Every business rule task whose decision table is not in the bundle."""
    decisions = {
        d.get("id") for p in dmn for d in p.root.iter() if local(d) == "decision" and d.get("id")
    }
    for p in parsed:
        for process in executable_processes(p):
            for task in process.iter(tag("businessRuleTask")):
                ref = task.find(f".//{{{SPIFF_NS}}}calledDecisionId")
                decision = (ref.text or "").strip() if ref is not None else ""
                if decision in decisions:
                    continue
                known = ", ".join(sorted(str(d) for d in decisions)) or "none"
                yield problem(
                    p,
                    task,
                    f"Business rule task {label(task)} calls decision {decision or '(none)'!r}, "
                    f"which no decision table of the deployment defines (known: {known}).",
                    code="decision-missing",
                    fix="Deploy the .dmn file too, or set spiffworkflow:calledDecisionId to the "
                    "decision's id.",
                )


@dataclass(frozen=True)
class _Event:
    parsed: ParsedXml
    element: etree._Element
    key: str


CATCHING = frozenset({"startEvent", "intermediateCatchEvent", "boundaryEvent", "receiveTask"})
THROWING = frozenset({"intermediateThrowEvent", "endEvent", "sendTask"})


def _names(parsed: ParsedXml, kind: str) -> dict[str, str]:
    """id -> name of the file's message or signal declarations."""
    return {
        d.get("id", ""): str(d.get("name") or d.get("id", ""))
        for d in parsed.root.iter(tag(kind))
        if d.get("id")
    }


def _events(parsed: Sequence[ParsedXml], kind: str) -> tuple[list[_Event], list[_Event]]:
    catch: list[_Event] = []
    throw: list[_Event] = []
    for p in parsed:
        names = _names(p, kind)
        for process in executable_processes(p):
            for element in process.iter():
                role = local(element)
                is_task = role in ("receiveTask", "sendTask")
                if kind == "message" and is_task:
                    ref = element.get("messageRef")
                elif not is_task and has_definition(element, kind):
                    definition = element.find(tag(f"{kind}EventDefinition"))
                    ref = definition.get(f"{kind}Ref") if definition is not None else None
                else:
                    continue
                event = _Event(p, element, names.get(ref or "", ref or ""))
                if role in CATCHING:
                    catch.append(event)
                elif role in THROWING:
                    throw.append(event)
    return catch, throw


def partners(parsed: Sequence[ParsedXml], kind: str) -> Iterator[Problem]:
    """A catch nothing throws waits for ever (error); a throw nothing catches is lost (warning)."""
    catch, throw = _events(parsed, kind)
    thrown = {e.key for e in throw if e.key}
    caught = {e.key for e in catch if e.key}
    for event in catch:
        if kind == "message" and event.key and senders_of(event.element):
            continue  # agencies send it from outside (engine/validation/messages.py)
        if not event.key or event.key not in thrown:
            senders = " or name the agencies that send it (messageSenders)"
            yield problem(
                event.parsed,
                event.element,
                f"{local(event.element)} {label(event.element)} waits for {kind} "
                f"{event.key or '(none named)'!r}, which no element of the deployment sends"
                f"{' and no agency is declared to send' if kind == 'message' else ''}: "
                "a case would wait there for ever.",
                code="no-sender",
                fix=f"Add the element that sends this {kind}"
                f"{senders if kind == 'message' else ''}, or correct its {kind}Ref.",
            )
    for event in throw:
        if not event.key or event.key not in caught:
            yield problem(
                event.parsed,
                event.element,
                f"{local(event.element)} {label(event.element)} sends {kind} "
                f"{event.key or '(none named)'!r}, which no element of the deployment receives.",
                code="no-receiver",
                severity="warning",
                fix=f"Add the element that receives this {kind}, or correct its {kind}Ref.",
            )
