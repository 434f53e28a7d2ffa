"""Timer event definitions that read the engine's clock instead of the system time.

SpiffWorkflow's timers call `datetime.now()` directly; these subclasses ask the
workflow's script engine for its clock, so tests and `nrm timers fire --at`
can move time without touching the library's globals.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from SpiffWorkflow.bpmn.parser.event_parsers import EventDefinitionParser
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.spiff.parser.event_parsers import (
    SpiffBoundaryEventParser,
    SpiffIntermediateCatchEventParser,
    SpiffStartEventParser,
)


def task_now(my_task: Any) -> datetime:
    """The time as the task's workflow sees it (its script engine's clock, else UTC now)."""
    clock = getattr(my_task.workflow.script_engine, "clock", None)
    return clock.now() if clock is not None else datetime.now(UTC)


class ClockedTimeDate(TimeDateEventDefinition):  # type: ignore[misc]
    """A timer at a date/time, fired by the engine clock."""

    def has_fired(self, my_task: Any) -> bool:
        """True once the clock has passed the evaluated date."""
        event_value = my_task._get_internal_data("event_value")
        if event_value is None:
            event_value = my_task.workflow.script_engine.evaluate(my_task, self.expression)
            my_task._set_internal_data(event_value=event_value)
        if TimerEventDefinition.parse_time_or_duration(event_value) <= task_now(my_task):
            my_task._set_internal_data(event_fired=True)
        return bool(my_task._get_internal_data("event_fired", False))


class ClockedDuration(DurationTimerEventDefinition):  # type: ignore[misc]
    """A timer after a duration, started and fired by the engine clock."""

    def has_fired(self, my_task: Any) -> bool:
        """True once the clock has passed start + duration."""
        event_value = my_task._get_internal_data("event_value")
        now = task_now(my_task)
        if event_value is None:
            expression = my_task.workflow.script_engine.evaluate(my_task, self.expression)
            parsed = TimerEventDefinition.parse_iso_duration(expression)
            delta = TimerEventDefinition.get_timedelta_from_start(parsed, now)
            event_value = (now + delta).isoformat()
            my_task._set_internal_data(event_value=event_value)
        if TimerEventDefinition.get_datetime(event_value) <= now:
            my_task._set_internal_data(event_fired=True)
        return bool(my_task._get_internal_data("event_fired", False))


class ClockedCycle(CycleTimerEventDefinition):  # type: ignore[misc]
    """A repeating timer, advanced by the engine clock."""

    def cycle_complete(self, my_task: Any) -> bool:
        """True when the next occurrence has passed (and schedules the one after)."""
        event_value = my_task._get_internal_data("event_value")
        now = task_now(my_task)
        if event_value is None:
            expression = my_task.workflow.script_engine.evaluate(my_task, self.expression)
            cycles, start, duration = TimerEventDefinition.parse_iso_recurring_interval(expression)
            event_value = {
                "cycles": cycles,
                "next": start.isoformat(),
                "duration": duration.total_seconds(),
            }
        ready = False
        if event_value["cycles"] != 0:
            next_event = datetime.fromisoformat(event_value["next"])
            if next_event <= now:
                following = next_event + timedelta(seconds=event_value["duration"])
                event_value["next"] = following.isoformat()
                event_value["cycles"] -= 1
                ready = True
        else:
            my_task.internal_data.pop("event_value", None)
            my_task.internal_data["event_fired"] = True
        my_task._set_internal_data(event_value=event_value)
        return ready


CLOCKED: dict[type, type] = {
    TimeDateEventDefinition: ClockedTimeDate,
    DurationTimerEventDefinition: ClockedDuration,
    CycleTimerEventDefinition: ClockedCycle,
}


class ClockedTimerParserMixin(EventDefinitionParser):  # type: ignore[misc]
    """Builds clocked timer definitions in place of the library's."""

    def parse_timer_event(self, event: Any) -> Any:
        """Parse as usual, then swap in the clocked class with the same fields."""
        definition = super().parse_timer_event(event)
        clocked = CLOCKED.get(type(definition))
        if clocked is None:
            return definition
        return clocked(definition.name, definition.expression, description=definition.description)


class StartEventParser(ClockedTimerParserMixin, SpiffStartEventParser):  # type: ignore[misc]
    """Start events with clocked timers."""


class BoundaryEventParser(ClockedTimerParserMixin, SpiffBoundaryEventParser):  # type: ignore[misc]
    """Boundary events with clocked timers."""


class IntermediateCatchEventParser(ClockedTimerParserMixin, SpiffIntermediateCatchEventParser):  # type: ignore[misc]  # noqa: E501
    """Intermediate catch events with clocked timers."""
