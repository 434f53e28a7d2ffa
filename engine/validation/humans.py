"""Human tasks: each sits in a lane an agency holds and shows a form that exists.

A form file that exists but is broken is reported on the form file itself.
A user task without a form is an error (the caseworker could only press
"done"); a manual task or a plain task without one is a warning: the engine
puts it in the lane's inbox as a step to confirm.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.definitions import CompiledBundle
from engine.errors import Problem

from .forms import missing_form, no_form
from .model import executable_processes, label, local, problem, tag
from .specs import lane_problems
from .xml import ParsedXml

HUMAN_TASKS = ("userTask", "manualTask", "task")


def human_task_problems(parsed: ParsedXml, bundle: CompiledBundle) -> Iterator[Problem]:
    """Lane and form problems of every user, manual and plain task of the file."""
    for process in executable_processes(parsed):
        for element in process.iter(*(tag(t) for t in HUMAN_TASKS)):
            bpmn_id = element.get("id", "")
            info = bundle.task(process.get("id", ""), bpmn_id)
            if info is None:
                continue
            line = parsed.line_of(bpmn_id)
            for found in lane_problems(info):
                yield Problem(
                    found.message,
                    file=parsed.source.name,
                    line=line,
                    element_id=bpmn_id,
                    severity=found.severity,
                    code=found.code,
                    fix=found.fix,
                )
            if info.form is not None and bundle.file(info.form) is None:
                yield missing_form(bpmn_id, info.form, parsed.source.name, line)
            elif info.form is None and local(element) == "userTask":
                yield no_form(bpmn_id, info.name, parsed.source.name, line)
            elif info.form is None:
                yield problem(
                    parsed,
                    element,
                    f"{local(element)} {label(element)} names no form: its agency only "
                    "confirms it is done.",
                    code="manual-no-form",
                    severity="warning",
                    fix="Nothing to do for a plain confirmation step; otherwise make it a "
                    "user task with a formJsonSchemaFilename property.",
                )
