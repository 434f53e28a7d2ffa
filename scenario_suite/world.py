"""What a scenario acts on: an engine on the project's diagrams, a fake clock, its cases.

Steps act only through the engine facade (the same calls the API makes).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from jsonschema import Draft202012Validator

from engine.errors import InvalidDataError
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from engine.views import CaseView, TaskView

AGENCIES = {
    "the police": "police",
    "the prosecutor": "prosecutor",
    "the social services": "social",
    "the commission": "commission",
    "the ngo": "ngo",
    "the crisis centre": "ngo",
    "the shelter": "ngo",
    "the labour inspection": "labour_inspection",
    "the consular service": "consular",
    "the border service": "border",
    "the child-protection body": "child_protection",
    "iom": "iom",
    "the registration service": "registration",
    "the health organisation": "health",
}

# The result field each SOP leaves when it runs on its own (docs/diagram-conventions.md).
RESULT_FIELDS = {
    "identification": "identification_outcome",
    "referral": "referral_outcome",
    "social_rehabilitation": "rehab_exit_reason",
    "repatriation": "repatriation_outcome",
    "proceedings": "proceedings_outcome",
    "identification_decision": "status_decision_outcome",
    "citizenship_verification": "citizenship",
    "case_help": "rehab_exit_reason",
}


# How a step names an agency ("the border service", "IOM").
AGENCY = r"(?P<agency>(?:the |)[A-Za-z\- ]+?|IOM)"


def agency_code(phrase: str) -> str:
    """The role code for how a reviewer names an agency ("the border service")."""
    key = phrase.strip().lower()
    if key not in AGENCIES:
        raise AssertionError(f"Unknown agency {phrase!r}; say one of: {', '.join(AGENCIES)}")
    return AGENCIES[key]


def parse_value(text: str) -> Any:
    """A table cell as JSON where it parses (true, 17, ["a"], null), else as text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def table_data(datatable: list[list[str]] | None) -> dict[str, Any]:
    """A `| field | value |` table as a dict (the header row is skipped)."""
    if not datatable:
        return {}
    rows = datatable[1:] if [c.strip() for c in datatable[0]] == ["field", "value"] else datatable
    return {row[0].strip(): parse_value(row[1].strip()) for row in rows}


@dataclass
class World:
    """One scenario's engine, clock and cases."""

    engine: Engine
    clock: FakeClock
    case_ids: list[str] = field(default_factory=list)
    refused: InvalidDataError | None = None  # the last refused `tries to complete`

    @property
    def case_id(self) -> str:
        """The scenario's current case."""
        assert self.case_ids, "No case was started in this scenario"
        return self.case_ids[-1]

    def case(self) -> CaseView:
        """The current case as it stands."""
        return self.engine.get_case(self.case_id)

    def open_tasks(self, agency: str | None = None) -> list[TaskView]:
        """Open tasks of the current case (of one agency when given)."""
        tasks = self.engine.case_tasks(self.case_id)
        return [t for t in tasks if agency is None or t.agency == agency]

    def find_task(self, agency: str, name: str) -> TaskView:
        """The oldest open task of that name in that agency's inbox, or a readable failure."""
        matching = [t for t in self.open_tasks(agency) if t.name == name]
        if not matching:
            seen = [f"{t.agency}: {t.name}" for t in self.open_tasks()]
            raise AssertionError(f"{agency} has no open task {name!r}; open tasks: {seen}")
        return matching[0]

    def escalations(self, task_name: str) -> list[tuple[str, str]]:
        """(agency, role) told so far about the current case's tasks of that name."""
        every = self.engine.case_tasks(self.case_id, status=None)
        named = {t.id for t in every if t.name == task_name}
        told = self.engine.case_escalations(self.case_id)
        return [(e.agency, e.role) for e in told if e.task_id in named]

    def pass_time(self, until: datetime) -> None:
        """Move the clock to `until`, firing each timer and telling each escalation rung at
        its own moment on the way."""
        while True:
            due = self._next_due()
            if due is None or due > until:
                break
            self.clock.set(max(due, self.clock.now()))
            if not self._fire() and self._next_due() == due:
                break  # nothing could fire at that moment: do not wait on it for ever
        self.clock.set(until)
        self._fire()

    def _next_due(self) -> datetime | None:
        moments = (
            self.engine.next_timer(self.case_ids),
            self.engine.next_escalation(self.case_ids),
        )
        return min((m for m in moments if m is not None), default=None)

    def _fire(self) -> bool:
        """Timers first (an interrupting timer may end the task), then escalations."""
        moved = self.engine.fire_due_timers(case_ids=self.case_ids)
        told = self.engine.fire_due_escalations(case_ids=self.case_ids)
        return bool(moved or told)

    def later(self, count: int, unit: str) -> datetime:
        """The moment `count` hours, days or working days from now."""
        now = self.clock.now()
        if unit.startswith("working"):
            return self.engine.ctx.script_engine.calendar.add_working_days(now, count)
        if unit.startswith("hour"):
            return now + timedelta(hours=count)
        if unit.startswith("week"):
            return now + timedelta(weeks=count)
        return now + timedelta(days=count)


def example_value(prop: dict[str, Any], today: date) -> Any:
    """A valid example for a form field the scenario did not mention."""
    if "const" in prop:  # the one answer the form takes ("rights explained": yes)
        return prop["const"]
    choices = [o["const"] for o in prop.get("oneOf", []) if "const" in o] or prop.get("enum")
    kind = prop.get("type")
    if kind == "array":
        items = prop.get("items") or {}
        item_choices = (
            [o["const"] for o in items.get("oneOf", []) if "const" in o]
            or items.get("enum")
            or ["example"]
        )
        return item_choices[: max(1, int(prop.get("minItems", 1)))]
    if choices:
        return choices[0]
    if prop.get("x-codes") in _CODES:  # a country or language code (engine/codes.py)
        return _CODES[prop["x-codes"]]
    if kind == "boolean":
        return False
    if kind in ("integer", "number"):
        return prop.get("minimum", 1)
    if prop.get("format") == "date":
        return today.isoformat()
    if prop.get("format") == "date-time":
        return datetime.combine(today, datetime.min.time()).isoformat()
    return _example_text(prop) if kind == "string" else "example"


_CODES = {"country": "KG", "language": "ky"}
_TEXT_CANDIDATES = ("example text", "KZ", "KG", "RU", "+996555000000", "A1234567", "ID1234567")


def _example_text(prop: dict[str, Any]) -> str:
    """Some text that satisfies the field's pattern and length limits."""
    low, high = int(prop.get("minLength", 0)), int(prop.get("maxLength", 10_000))
    pattern = prop.get("pattern")
    for text in _TEXT_CANDIDATES:
        if low <= len(text) <= high and (pattern is None or re.search(pattern, text)):
            return text
    raise AssertionError(f"No example value fits {prop}; give this field in the scenario")


def fill_form(
    schema: dict[str, Any] | None,
    given: dict[str, Any],
    today: date,
    *,
    conditional: bool = True,
    case: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The scenario's fields plus example values for required fields it left out. `case` is
    what the case holds for the form's `readOnly` fields (presumed_child): the engine sets
    them, and the form's `if`s read them, so the examples follow them too."""
    if not schema:
        return dict(given)
    props = schema.get("properties") or {}
    read_only = {
        name: value
        for name, value in (case or {}).items()
        if isinstance(props.get(name), dict) and props[name].get("readOnly")
    }
    given = {**read_only, **given}
    filled = {
        name: example_value(props.get(name, {}), today)
        for name in schema.get("required", [])
        if name not in given
    }
    data = {**filled, **given}
    # An answer an `if` forces can make another `if` hold (a chain): settle them in turn.
    for _ in range(len(props) + 1):
        forced = _forced(schema, data, set(filled) - set(given), today, conditional)
        if all(data.get(name) == value for name, value in forced.items()):
            break
        filled.update({name: value for name, value in forced.items() if name not in given})
        data = {**data, **forced}
    return data


def _forced(
    schema: dict[str, Any], data: dict[str, Any], filled: set[str], today: date, conditional: bool
) -> dict[str, Any]:
    """The answers a form's `if`/`then` forces on the fields filled with examples (consent
    given: informed is yes), so that the examples agree with what the scenario gave, and an
    example for each field an `if` makes required (a provider for each planned service)."""
    props = schema.get("properties") or {}
    forced: dict[str, Any] = {}
    for rule in [schema, *(schema.get("allOf") or [])]:
        condition, then = rule.get("if"), rule.get("then")
        if not isinstance(condition, dict) or not isinstance(then, dict):
            continue
        if Draft202012Validator(condition).is_valid(data):
            for name, prop in (then.get("properties") or {}).items():
                if name in filled and isinstance(prop, dict) and "const" in prop:
                    forced[name] = prop["const"]
            for name in then.get("required") or [] if conditional else []:
                if name not in data and name not in forced:
                    forced[name] = example_value(props.get(name, {}), today)
    return forced
