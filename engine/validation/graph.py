"""Reachability: every element lies on a path from a start event to an end event.

The graph of each process and sub-process: sequence flows, each boundary event
reached from the task it is attached to, and link throw -> link catch of the
same name. Event sub-processes are checked on their own; compensation handlers
and compensation boundary events are left out (they run outside the flow).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from lxml import etree

from engine.errors import Problem

from .model import Scope, executable_processes, has_definition, label, local, problem, scopes
from .xml import ParsedXml

Graph = dict[str, set[str]]


def graph_problems(parsed: ParsedXml) -> Iterator[Problem]:
    """Elements no start event reaches, and elements from which no end event is reached."""
    for process in executable_processes(parsed):
        for scope in scopes(process):
            yield from _scope_problems(parsed, scope)


def _excluded(node: etree._Element) -> bool:
    if node.get("isForCompensation") == "true":
        return True
    if local(node) == "subProcess" and node.get("triggeredByEvent") == "true":
        return True
    return local(node) == "boundaryEvent" and has_definition(node, "compensate")


def _edges(scope: Scope, nodes: dict[str, etree._Element]) -> tuple[Graph, Graph]:
    """(flow edges incl. links, boundary edges): a boundary path does not complete its task."""
    forward: Graph = defaultdict(set)
    boundary: Graph = defaultdict(set)
    for flow in scope.flows:
        source, target = flow.get("sourceRef", ""), flow.get("targetRef", "")
        if source in nodes and target in nodes:
            forward[source].add(target)
    links: dict[str, list[str]] = defaultdict(list)
    for node_id, node in nodes.items():
        attached = node.get("attachedToRef")
        if local(node) == "boundaryEvent" and attached in nodes:
            boundary[attached or ""].add(node_id)
        if local(node) == "intermediateCatchEvent" and has_definition(node, "link"):
            links[_link_name(node)].append(node_id)
    for node_id, node in nodes.items():
        if local(node) == "intermediateThrowEvent" and has_definition(node, "link"):
            forward[node_id].update(links.get(_link_name(node), []))
    return forward, boundary


def _link_name(node: etree._Element) -> str:
    definition = next(iter(node.iterchildren("{*}linkEventDefinition")), None)
    return (definition.get("name") if definition is not None else None) or node.get("name") or ""


def _reach(starts: Iterable[str], edges: Graph) -> set[str]:
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        node_id = stack.pop()
        if node_id not in seen:
            seen.add(node_id)
            stack.extend(edges.get(node_id, ()))
    return seen


def _reverse(edges: Graph) -> Graph:
    backward: Graph = defaultdict(set)
    for source, targets in edges.items():
        for target in targets:
            backward[target].add(source)
    return backward


def _scope_problems(parsed: ParsedXml, scope: Scope) -> Iterator[Problem]:
    nodes = {i: n for i, n in scope.nodes.items() if not _excluded(n)}
    starts = [i for i, n in nodes.items() if local(n) == "startEvent"]
    if not starts:
        return  # ad-hoc sub-processes have none; a process without one is Spiff's refusal
    flows, boundary = _edges(scope, nodes)
    both: Graph = {i: flows.get(i, set()) | boundary.get(i, set()) for i in nodes}
    reached = _reach(starts, both)
    ending = _reach([i for i, n in nodes.items() if local(n) == "endEvent"], _reverse(flows))
    for node_id, node in nodes.items():
        if node_id not in reached:
            yield problem(
                parsed,
                node,
                f"{local(node)} {label(node)} cannot be reached from a start event.",
                code="unreachable",
                fix="Connect it with a sequence flow from an element on the path, or delete it.",
            )
        elif node_id not in ending:
            yield problem(
                parsed,
                node,
                f"No end event can be reached from {local(node)} {label(node)}: "
                "a case that gets here never finishes.",
                code="dead-end",
                fix="Continue its path with sequence flows to an end event.",
            )
