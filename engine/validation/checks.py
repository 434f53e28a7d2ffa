"""The model checks run on every readable file, and how SpiffWorkflow's refusals join them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from engine.errors import Problem

from .deadlines import deadline_problems
from .gateways import gateway_problems
from .graph import graph_problems
from .structure import structure_problems
from .support import support_problems
from .timers import milestone_problems, timer_problems
from .xml import ParsedXml

# Problems after which a file is not handed to SpiffWorkflow's parser.
UNREADABLE = frozenset({"malformed-xml", "doctype", "not-bpmn", "schema"})


def model_problems(parsed: Sequence[ParsedXml]) -> Iterator[Problem]:
    """Structure across files, then gateways, reachability, support, timers and deadlines
    per file."""
    yield from structure_problems(parsed)
    for p in parsed:
        if p.source.kind != "bpmn":
            continue
        yield from gateway_problems(p)
        yield from graph_problems(p)
        yield from support_problems(p)
        yield from timer_problems(p)
        yield from milestone_problems(p)
        yield from deadline_problems(p)


def not_yet_reported(spiff: Iterable[Problem], errors: Sequence[Problem]) -> list[Problem]:
    """SpiffWorkflow's refusals that no check above already reported for the same element.

    Spiff stops at the first refusal per file or process, names the file of the
    process it was building (a called process's element shows under its caller),
    and often names no element; a refusal naming none is dropped when the file
    already has an error.
    """
    elements = {p.element_id for p in errors if p.element_id}
    files = {p.file for p in errors}
    return [
        p for p in spiff if (p.element_id not in elements) and (p.element_id or p.file not in files)
    ]
