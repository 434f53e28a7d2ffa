"""Multi-instance activities: a loopCardinality known before a case runs stays within the limit.

A cardinality of 200,000 makes one step create 200,000 tasks. A literal or an expression of
parameters is evaluated here, in the sandbox as timers are (engine/validation/timers.py); one
that reads case data is bounded when it runs (engine/spiff/script_engine.py), by the same limit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from lxml import etree

from engine.config import DEFAULT_MAX_INSTANCES
from engine.errors import Problem, ScriptCompileError
from engine.params import DEFAULTS
from engine.sandbox import evaluate_expression
from engine.spiff.script_engine import diagram_helpers

from .model import executable_processes, label, problem, tag
from .timers import TIME_LIMIT, VALIDATION_CLOCK
from .xml import ParsedXml, line_of

__all__ = ["DEFAULT_MAX_INSTANCES", "instance_problems"]


def instance_problems(parsed: ParsedXml, max_instances: int) -> Iterator[Problem]:
    """A loopCardinality whose value, known now, is not a whole number up to `max_instances`."""
    helpers = diagram_helpers(VALIDATION_CLOCK, DEFAULTS)
    for process in executable_processes(parsed):
        for loop in process.iter(tag("multiInstanceLoopCharacteristics")):
            cardinality = loop.find(tag("loopCardinality"))
            source = (cardinality.text or "").strip() if cardinality is not None else ""
            if cardinality is not None and source:
                found = _check(parsed, loop.getparent(), source, helpers, max_instances)
                if found is not None:
                    yield replace(found, line=line_of(cardinality) or found.line)


def _check(
    parsed: ParsedXml,
    activity: etree._Element | None,
    source: str,
    helpers: Mapping[str, Any],
    max_instances: int,
) -> Problem | None:
    try:
        value = evaluate_expression(source, {}, helpers, TIME_LIMIT)
    except (NameError, ScriptCompileError):
        return None  # reads case data (bounded when it runs), or reported by the compile check
    except Exception as exc:  # noqa: BLE001 - any other failure fails every case the same way
        return _bad(parsed, activity, f"fails when evaluated: {exc}", max_instances)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return _bad(parsed, activity, f"yields {value!r}, not a whole number", max_instances)
    if value > max_instances:
        return _bad(parsed, activity, f"is {value:,}", max_instances)
    return None


def _bad(
    parsed: ParsedXml, activity: etree._Element | None, what: str, max_instances: int
) -> Problem:
    name = label(activity) if activity is not None else "a multi-instance activity"
    return problem(
        parsed,
        activity,
        f"The loop cardinality of {name} {what}; it must be a whole number from 0 to "
        f"{max_instances:,} (NRM_MAX_INSTANCES).",
        code="loop-cardinality",
        fix="Loop over a list in the case data (loopDataInputRef), or split the work; "
        "one step may create at most NRM_MAX_INSTANCES instances.",
    )
