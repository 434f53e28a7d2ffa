"""A case's drawn diagrams: each open task or call given an id to link to, and where the
case waits in each SOP."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

# An open element of a drawn diagram (a task waiting, or the call holding the SOP it is in).
OPEN_SHAPE = re.compile(
    r'<g class="bpmn-(?P<kind>\w+) state-(?:ready|overdue)[^"]*" data-element-id="(?P<id>[^"]+)"'
)
GATEWAY = re.compile(r"Gateway$")


def anchor(process_id: str, element_id: str) -> str:
    """The page id of an element drawn in a case's diagram."""
    return f"at-{process_id}-{element_id}"


def mark_open(process_id: str, svg: str) -> tuple[str, list[str]]:
    """The drawing with an id on each open task or call (a link to it scrolls the diagram's
    box to it, no script), and those elements' ids in drawing order; gateways are not
    places a case waits at, so they get none."""
    found: list[str] = []

    def named(m: re.Match[str]) -> str:
        if GATEWAY.search(m["kind"]):
            return m[0]
        found.append(html.unescape(m["id"]))
        return f'{m[0]} id="{html.escape(anchor(process_id, html.unescape(m["id"])))}"'

    return OPEN_SHAPE.sub(named, svg), found


@dataclass(frozen=True)
class WhereNow:
    """A diagram's text of where the case is: its open tasks in this SOP (each a link to its
    shape), else a link to the call holding the SOP the case is in."""

    tasks: list[tuple[Any, str]]  # (open task, anchor)
    elsewhere: str | None  # anchor of an open call, when no task of this SOP is open
