"""Timer expressions must yield what their timer needs; param() must name a known parameter.

Each timer expression runs in the sandbox with the diagram helpers on a fixed
clock, the default parameters and no case data, and its value is parsed with
the same SpiffWorkflow functions the running timers use.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition

from engine.errors import Problem, ScriptCompileError
from engine.params import DEFAULTS
from engine.sandbox import evaluate_expression
from engine.spiff.clock import FakeClock
from engine.spiff.script_engine import diagram_helpers

from .code import Code
from .model import executable_processes, has_definition, label, problem, tag
from .tasks import spiff_property
from .xml import ParsedXml, line_of

VALIDATION_CLOCK = FakeClock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
TIME_LIMIT = 0.5
MILESTONE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,47}$")
ISO_LITERAL = re.compile(r"^(P[0-9T]|R[0-9]*$)", re.IGNORECASE)
KINDS = {
    "timeDuration": ("an ISO-8601 duration such as 'P3D' or 'PT24H'", 'hours(param("..."))'),
    "timeDate": ("an ISO-8601 date-time such as '2026-01-05T09:00:00+00:00'", "working_days(5)"),
    "timeCycle": ("an ISO-8601 repetition such as 'R3/PT24H'", '"R3/PT24H"'),
}


def param_names(source: str) -> Iterator[str]:
    """Literal names passed to param() in a piece of diagram code."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return  # reported by the compile check
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "param"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value


def param_problems(codes: Iterable[Code], file: str) -> Iterator[Problem]:
    """An unknown parameter name fails every case that reaches the code: an error now."""
    known = ", ".join(sorted(DEFAULTS))
    for code in codes:
        for name in param_names(code.source):
            if name not in DEFAULTS:
                yield Problem(
                    f"Unknown parameter {name!r} in {code.kind}.",
                    file=file,
                    line=code.line,
                    element_id=code.element_id,
                    code="unknown-param",
                    fix=f"Use one of the parameters of engine/params.py: {known}.",
                )


def _parse_date(value: str) -> Any:
    return TimerEventDefinition.get_datetime(value)


def _parse_duration(value: str) -> Any:
    parsed = TimerEventDefinition.parse_iso_duration(value)
    if not parsed or not value.upper().startswith("P"):
        raise ValueError("empty duration")
    return parsed


PARSERS: Mapping[str, Callable[[str], Any]] = {
    "timeDuration": _parse_duration,
    "timeDate": _parse_date,
    "timeCycle": TimerEventDefinition.parse_iso_recurring_interval,
}


def timer_problems(parsed: ParsedXml) -> Iterator[Problem]:
    """Evaluate every timer expression of the file's executable processes and check its value."""
    helpers = diagram_helpers(VALIDATION_CLOCK, DEFAULTS)
    for process in executable_processes(parsed):
        for definition in process.iter(tag("timerEventDefinition")):
            event = definition.getparent()
            for kind in KINDS:
                expr = definition.find(tag(kind))
                source = (expr.text or "").strip() if expr is not None else ""
                if expr is not None and source and all(n in DEFAULTS for n in param_names(source)):
                    found = _check(parsed, event, kind, source, helpers)
                    if found is not None:
                        yield replace(found, line=line_of(expr) or found.line)


def _check(
    parsed: ParsedXml, event: Any, kind: str, source: str, helpers: Mapping[str, Any]
) -> Problem | None:
    needs, example = KINDS[kind]
    try:
        value = evaluate_expression(source, {}, helpers, TIME_LIMIT)
    except NameError as exc:
        if ISO_LITERAL.match(getattr(exc, "name", None) or ""):
            return _bad(parsed, event, f"is {exc.name} without quotes", needs, f'"{exc.name}"')
        return problem(
            parsed,
            event,
            f"Timer of {label(event)} reads case data ({exc}); its value could not be "
            "checked before a case reaches it.",
            code="timer-unchecked",
            severity="warning",
            fix=f"Make sure the case data always yields {needs}.",
        )
    except ScriptCompileError:
        return None  # reported by the compile check
    except Exception as exc:  # noqa: BLE001 - any other failure fails every case the same way
        return _bad(parsed, event, f"fails when evaluated: {exc}", needs, example)
    if not isinstance(value, str):
        return _bad(parsed, event, f"yields {value!r}, not a text value", needs, example)
    try:
        PARSERS[kind](value)
    except Exception:  # noqa: BLE001 - Spiff's timer parsers raise bare Exception
        return _bad(parsed, event, f"yields {value!r}", needs, example)
    return None


def _bad(parsed: ParsedXml, event: Any, what: str, needs: str, example: str) -> Problem:
    return problem(
        parsed,
        event,
        f"Timer of {label(event)} {what}; it must yield {needs}.",
        code="timer-value",
        fix=f"Write the expression so it yields {needs}, e.g. {example}.",
    )


def milestone_problems(parsed: ParsedXml) -> Iterator[Problem]:
    """A `milestone` property counts only on a timer event (engine/runtime.event_milestones:
    a form's milestone is its `x-milestone`), and names a milestone as statistics do."""
    for process in executable_processes(parsed):
        for element in process.iter():
            name = spiff_property(element, "milestone") if isinstance(element.tag, str) else None
            if name is None:
                continue
            if not has_definition(element, "timer"):
                yield problem(
                    parsed,
                    element,
                    f"{label(element)} names the milestone {name!r}, but only a timer event "
                    "keeps one when it happens.",
                    code="milestone-property",
                    fix="Move the property to the timer event, or mark the task's form with "
                    "x-milestone (docs/statistics.md).",
                )
            elif not MILESTONE_NAME.match(name):
                yield problem(
                    parsed,
                    element,
                    f"Milestone {name!r} of {label(element)} is not a name statistics can keep.",
                    code="milestone-property",
                    fix="Use lower-case letters, digits and _ (at most 48): referral_timed_out.",
                )
