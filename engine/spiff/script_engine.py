"""The script engine every case runs with: RestrictedPython only, plus the diagram helpers.

Helpers visible to diagram code (docs/diagram-conventions.md): `param`,
`hours`, `days`, `working_days`, `working_days_after`, `now`, `today`, `add_days`. They
read the engine's clock, calendar and parameters, so tests and `nrm timers fire --at`
control time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import MultiInstanceTask

from engine import progress
from engine.config import DEFAULT_MAX_INSTANCES
from engine.errors import ScriptError, ScriptLimitError
from engine.sandbox import RestrictedEnvironment
from engine.sandbox.data import DEFAULT_DATA_LIMIT
from engine.workdays import BISHKEK, DEFAULT_CALENDAR, WorkCalendar

from .clock import Clock

# A date without a time means the end of that day in Bishkek (a deadline "by 24 March").
END_OF_DAY = time(23, 59, 59)


def _start_of(value: str) -> datetime:
    """An ISO date-time, or an ISO date read as the end of that day in Bishkek."""
    text = str(value)
    try:
        if len(text) <= 10:
            return datetime.combine(date.fromisoformat(text), END_OF_DAY, BISHKEK)
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ScriptError(f"Not an ISO date or date-time: {text!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def diagram_helpers(
    clock: Clock, params: Mapping[str, Any], calendar: WorkCalendar = DEFAULT_CALENDAR
) -> dict[str, Callable[..., Any]]:
    """The functions diagram code may call, bound to a clock, parameters and a calendar."""
    calendar.warm(clock.now())

    def param(name: str) -> Any:
        if name not in params:
            raise ScriptError(f"Unknown parameter {name!r}; known: {', '.join(sorted(params))}")
        return params[name]

    def hours(count: int | float) -> str:
        return f"PT{_number(count)}H"

    def days(count: int | float) -> str:
        return f"P{_number(count)}D"

    def working_days(count: int) -> str:
        return calendar.add_working_days(clock.now(), count).isoformat()

    def working_days_after(start: str, count: int) -> str:
        return calendar.add_working_days(_start_of(start), count).isoformat()

    def now() -> str:
        return clock.now().isoformat()

    def today() -> str:
        return clock.now().date().isoformat()

    def add_days(iso_date: str, count: int) -> str:
        return (date.fromisoformat(str(iso_date)[:10]) + timedelta(days=int(count))).isoformat()

    return {
        "add_days": add_days,
        "param": param,
        "hours": hours,
        "days": days,
        "working_days": working_days,
        "working_days_after": working_days_after,
        "now": now,
        "today": today,
    }


def _number(value: int | float) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ScriptError(f"A duration needs a non-negative number, got {value!r}")
    return str(int(value)) if float(value).is_integer() else str(value)


class NrmScriptEngine(PythonScriptEngine):  # type: ignore[misc]
    """PythonScriptEngine on the restricted environment, carrying the engine clock and the
    working-day calendar.

    A multi-instance activity's loopCardinality read from case data is held to
    `max_instances` when it is evaluated, before any instance is created (validation holds
    one known beforehand to the same limit: engine/validation/instances.py).
    """

    def __init__(
        self,
        clock: Clock,
        params: Mapping[str, Any],
        time_limit: float = 1.0,
        *,
        data_limit: int = DEFAULT_DATA_LIMIT,
        max_instances: int = DEFAULT_MAX_INSTANCES,
        calendar: WorkCalendar = DEFAULT_CALENDAR,
    ) -> None:
        self.clock = clock
        self.params = params
        self.max_instances = max_instances
        self.calendar = calendar
        helpers = diagram_helpers(clock, params, calendar)
        environment = RestrictedEnvironment(helpers, time_limit=time_limit, data_limit=data_limit)
        super().__init__(environment=environment)

    def evaluate(self, task: Any, expression: str, external_context: Any = None) -> Any:
        """The expression's value; a multi-instance cardinality within `max_instances`."""
        spec = task.task_spec
        mark = progress.current
        mark.enter(_process_of(task), spec.bpmn_id or spec.name)
        try:
            value = super().evaluate(task, expression, external_context)
        finally:
            mark.leave()
        if isinstance(spec, MultiInstanceTask) and expression == spec.cardinality:
            self._check_instances(task, value)
        return value

    def execute(self, task: Any, script: str, external_context: Any = None) -> Any:
        """Run a script task's script (the element marked while it runs: engine/progress)."""
        spec = task.task_spec
        mark = progress.current
        mark.enter(_process_of(task), spec.bpmn_id or spec.name)
        try:
            return super().execute(task, script, external_context)
        finally:
            mark.leave()

    def _check_instances(self, task: Any, value: Any) -> None:
        if isinstance(value, int) and value > self.max_instances:
            limit = ScriptLimitError(
                f"The loop cardinality is {value:,}; one multi-instance activity may create "
                f"at most {self.max_instances:,} instances (NRM_MAX_INSTANCES)",
                kind="instances",
            )
            raise WorkflowTaskException(str(limit), task=task, exception=limit) from limit


def _process_of(task: Any) -> str:
    """The id of the process (or called process) the task runs in."""
    return str(getattr(task.workflow.spec, "name", "") or "")
