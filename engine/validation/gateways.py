"""Gateways decide the path: every choice needs a condition or a default, and tasks do not split.

SpiffWorkflow refuses an unconditioned non-default flow only when it reaches the
gateway, one at a time; here every such flow of every gateway is named at once.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from engine.errors import Problem

from .model import ACTIVITIES, Scope, executable_processes, label, local, problem, scopes, tag
from .xml import ParsedXml

CHOICE_GATEWAYS = frozenset({"exclusiveGateway", "inclusiveGateway"})


def gateway_problems(parsed: ParsedXml) -> Iterator[Problem]:
    """Flows without condition or default, conditioned defaults, and tasks with two exits."""
    for process in executable_processes(parsed):
        for scope in scopes(process):
            for node in scope.nodes.values():
                kind = local(node)
                if kind in CHOICE_GATEWAYS:
                    yield from _choice_problems(parsed, scope, node)
                elif kind in ACTIVITIES:
                    yield from _split_problems(parsed, scope, node)


def _condition(flow: etree._Element) -> str:
    element = flow.find(tag("conditionExpression"))
    return (element.text or "").strip() if element is not None else ""


def _choice_problems(parsed: ParsedXml, scope: Scope, gateway: etree._Element) -> Iterator[Problem]:
    outgoing = scope.outgoing(gateway.get("id", ""))
    default = gateway.get("default")
    ids = {f.get("id") for f in outgoing}
    if default and default not in ids:
        yield problem(
            parsed,
            gateway,
            f"Gateway {label(gateway)} names {default!r} as its default flow, "
            "but no outgoing flow has that id.",
            code="gateway-default-missing",
            fix="Mark one of the gateway's outgoing flows as the default flow.",
        )
    for flow in outgoing:
        condition = _condition(flow)
        if flow.get("id") == default and condition:
            yield problem(
                parsed,
                flow,
                f"Flow {label(flow)} is the default of gateway {label(gateway)} and also has "
                "a condition; the engine ignores the condition of a default flow.",
                code="gateway-default-condition",
                severity="warning",
                fix="Remove the condition from the default flow (it is taken when no other is).",
            )
        elif len(outgoing) > 1 and not condition and flow.get("id") != default:
            yield problem(
                parsed,
                flow,
                f"Flow {label(flow)} leaves gateway {label(gateway)} with no condition "
                "and is not its default: the engine cannot decide when to take it.",
                code="gateway-no-condition",
                fix="Give the flow a condition over case data, or make it the gateway's default.",
            )


def _split_problems(parsed: ParsedXml, scope: Scope, activity: etree._Element) -> Iterator[Problem]:
    outgoing = scope.outgoing(activity.get("id", ""))
    if len(outgoing) > 1:
        yield problem(
            parsed,
            activity,
            f"Activity {label(activity)} has {len(outgoing)} outgoing flows; the engine "
            "supports one flow out of a task.",
            code="task-split",
            fix="Lead the task into a parallel gateway (all paths) or an exclusive gateway "
            "(one path by condition).",
        )
