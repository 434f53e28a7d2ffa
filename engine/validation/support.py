"""BPMN the engine cannot run (errors), runs with caveats, or only shows (warnings).

What SpiffWorkflow 3.2 really does, read from its parser: no complex gateway
("no support implemented"); link and compensation definitions are silently
dropped (the event becomes a plain pass-through); a data store needs an
implementation class (we register none); a service task needs a spiff operator,
and our sandbox refuses service calls anyway; ad-hoc sub-processes run in
parallel only (sequential ordering is refused); event-based gateways were
rewritten in 3.2.0.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from engine.errors import Problem

from .code import SPIFF_NS
from .model import executable_processes, label, local, problem, tag
from .xml import ParsedXml

REMODEL = "Model the step with user tasks, script tasks, gateways and timers."


def support_problems(parsed: ParsedXml) -> Iterator[Problem]:
    """Every element of an executable process the engine cannot, or only partly, execute."""
    for process in executable_processes(parsed):
        for element in process.iter():
            yield from _element_problems(parsed, element)
    for store in parsed.root.iter(tag("dataStore")):
        # SpiffWorkflow refuses the whole file for a data store it has no class for.
        yield _unsupported(
            parsed, store, "data stores need an implementation and the engine provides none"
        )
    yield from documentation_problems(parsed)


def _element_problems(parsed: ParsedXml, element: etree._Element) -> Iterator[Problem]:
    kind = local(element)
    if kind == "complexGateway":
        yield _unsupported(parsed, element, "a complex gateway cannot be executed")
    elif kind == "dataStoreReference":
        yield _unsupported(
            parsed, element, "data stores need an implementation and the engine provides none"
        )
    elif kind == "serviceTask":
        operator = element.find(f".//{{{SPIFF_NS}}}serviceTaskOperator")
        why = "it names no spiffworkflow operator" if operator is None else "it calls a service"
        yield _unsupported(
            parsed, element, f"service tasks are refused by the sandbox ({why})", fix=REMODEL
        )
    elif kind == "adHocSubProcess":
        yield from _ad_hoc(parsed, element)
    elif kind == "eventBasedGateway":
        yield _partial(
            parsed,
            element,
            "event-based gateways were rewritten in SpiffWorkflow 3.2.0 and are little used",
            fix="Test every path through the gateway in a feature file, or use a boundary timer.",
        )
    elif kind == "linkEventDefinition":
        yield _unsupported(
            parsed,
            element.getparent(),
            "link events are dropped by the parser: the throw event passes through and the "
            "catch event never starts",
            fix="Draw the sequence flow directly instead of a link.",
        )
    elif kind == "compensateEventDefinition" or element.get("isForCompensation") == "true":
        owner = element.getparent() if kind == "compensateEventDefinition" else element
        yield _unsupported(parsed, owner, "compensation is not executed by the engine")


def _ad_hoc(parsed: ParsedXml, element: etree._Element) -> Iterator[Problem]:
    if (element.get("ordering") or "").lower() == "sequential":
        yield _unsupported(
            parsed, element, "ad-hoc sub-processes with sequential ordering are refused"
        )
    else:
        yield _partial(
            parsed,
            element,
            "an ad-hoc sub-process starts all of its activities at once and repeats them by "
            "data conditions; its state lives in workflow data",
            fix="Prefer a sub-process with explicit gateways; otherwise test it in a feature.",
        )


def _unsupported(
    parsed: ParsedXml, element: etree._Element | None, why: str, fix: str = REMODEL
) -> Problem:
    what = f"{local(element)} {label(element)}" if element is not None else "element"
    return problem(
        parsed, element, f"The engine cannot execute {what}: {why}.", code="unsupported", fix=fix
    )


def _partial(parsed: ParsedXml, element: etree._Element, why: str, *, fix: str) -> Problem:
    return problem(
        parsed,
        element,
        f"{local(element)} {label(element)} runs with caveats: {why}.",
        code="partly-supported",
        severity="warning",
        fix=fix,
    )


def documentation_problems(parsed: ParsedXml) -> Iterator[Problem]:
    """Annotations, groups, unused data objects and non-executable processes: shown, not run."""
    used = _data_references_used(parsed)
    for element in parsed.root.iter(tag("textAnnotation"), tag("group")):
        yield _documentation(parsed, element, "it is shown in the diagram only")
    for element in parsed.root.iter(tag("dataObjectReference")):
        if element.get("id") not in used:
            yield _documentation(parsed, element, "no task reads or writes it")
    for process in parsed.root.iter(tag("process")):
        if process.get("isExecutable", "true") != "true":
            yield _documentation(parsed, process, "the process is marked not executable")


def _data_references_used(parsed: ParsedXml) -> set[str]:
    used: set[str] = set()
    for assoc in parsed.root.iter(tag("dataInputAssociation"), tag("dataOutputAssociation")):
        for ref in assoc.iter(tag("sourceRef"), tag("targetRef")):
            used.add((ref.text or "").strip())
    return used


def _documentation(parsed: ParsedXml, element: etree._Element, why: str) -> Problem:
    return problem(
        parsed,
        element,
        f"{local(element)} {label(element)} is documentation only: {why}; the engine ignores it.",
        code="documentation-only",
        severity="warning",
        fix="Nothing to do if it is meant as a note; otherwise model it as an executable element.",
    )
