"""Every human task has a deadline: a boundary timer on it, or a `dueParameter` property
naming a parameter of engine/params.py that has a unit (hours, days, working days)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from engine.errors import Problem
from engine.params import DEFAULTS, UNITS

from .humans import HUMAN_TASKS
from .model import executable_processes, has_definition, label, local, problem, tag
from .tasks import DUE_PROPERTY, spiff_property
from .xml import ParsedXml

EXAMPLES = "safety_check_hours, screening_working_days, closing_working_days"


def deadline_problems(parsed: ParsedXml) -> Iterator[Problem]:
    """A human task without a deadline, or one naming a parameter that is no deadline."""
    for process in executable_processes(parsed):
        timed = _timed_tasks(process)
        for element in process.iter(*(tag(t) for t in HUMAN_TASKS)):
            name = spiff_property(element, DUE_PROPERTY)
            if element.get("id") in timed:
                if name:
                    yield _ignored(parsed, element, name)
            elif not name:
                yield _missing(parsed, element)
            else:
                yield from _parameter(parsed, element, name)


def _timed_tasks(process: etree._Element) -> set[str]:
    """Ids of the tasks a boundary timer is attached to."""
    return {
        str(event.get("attachedToRef"))
        for event in process.iter(tag("boundaryEvent"))
        if has_definition(event, "timer") and event.get("attachedToRef")
    }


def _missing(parsed: ParsedXml, element: etree._Element) -> Problem:
    return problem(
        parsed,
        element,
        f"{local(element)} {label(element)} has no deadline: nobody would see it is late.",
        code="no-deadline",
        fix=f'Add <spiffworkflow:property name="{DUE_PROPERTY}" value="PARAMETER" /> naming a '
        f"deadline parameter of engine/params.py (e.g. {EXAMPLES}), or a boundary timer.",
    )


def _parameter(parsed: ParsedXml, element: etree._Element, name: str) -> Iterator[Problem]:
    if name not in DEFAULTS:
        yield problem(
            parsed,
            element,
            f"{local(element)} {label(element)} names the unknown parameter {name!r} as "
            f"its {DUE_PROPERTY}.",
            code="unknown-param",
            fix=f"Use a deadline parameter of engine/params.py (e.g. {EXAMPLES}).",
        )
    elif name not in UNITS:
        yield problem(
            parsed,
            element,
            f"Parameter {name!r}, the {DUE_PROPERTY} of {label(element)}, is not a deadline "
            "(it has no unit: hours, days or working days).",
            code="due-parameter-unit",
            fix=f"Name a deadline parameter (e.g. {EXAMPLES}).",
        )


def _ignored(parsed: ParsedXml, element: etree._Element, name: str) -> Problem:
    return problem(
        parsed,
        element,
        f"{local(element)} {label(element)} has a boundary timer: its {DUE_PROPERTY} "
        f"{name!r} is ignored (the timer sets the due date).",
        code="due-ignored",
        severity="warning",
        fix=f"Remove the {DUE_PROPERTY} property, or the timer.",
    )
