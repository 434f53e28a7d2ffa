"""Case facts for statistics: the few non-identifying values a form marks, kept per case.

Statistics (brief §6) count cases by region, exploitation type, sex, age group, consent and
the time to each milestone. Those values live in the case data, inside the workflow state;
reading every case's state to count them would not scale, so a step keeps a copy of just
them in `case_fact` (one row per case and fact) as it runs. A form marks what is kept:

- a field with `"x-statistic": true` is kept under its own name, as text (`true`/`false`
  for booleans);
- a field with `"x-statistic": "age_group"` is kept as an age band (`AGE_GROUPS`) under the
  name `age_group`; an empty age is `unknown`;
- the form itself with `"x-milestone": "<name>"` keeps `milestone:<name>`: when a task with
  that form was first completed; `{"name": "<name>", "when": {"<field>": <value>}}` only when
  the submitted data has those values.

Nothing marked `x-personal` can be a fact (validation refuses it): facts hold no identity
and they stay when personal data is purged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.errors import Problem

AGE_GROUPS: tuple[tuple[int, int, str], ...] = (
    (0, 13, "0-13"),
    (14, 17, "14-17"),
    (18, 24, "18-24"),
    (25, 34, "25-34"),
    (35, 49, "35-49"),
    (50, 200, "50+"),
)
UNKNOWN = "unknown"
MILESTONE = "milestone:"


@dataclass(frozen=True)
class Fact:
    """One value kept for statistics; a milestone keeps its first value."""

    name: str
    value: str
    first_only: bool = False


def age_group(age: Any) -> str:
    """The age band of an age in years (`unknown` when empty or not a number)."""
    if isinstance(age, bool) or not isinstance(age, int | float) or age < 0:
        return UNKNOWN
    return next((label for _low, high, label in AGE_GROUPS if age < high + 1), UNKNOWN)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return UNKNOWN if value is None else str(value)[:255]


_MARKED: dict[int, tuple[Mapping[str, Any], list[tuple[str, str]], Any]] = {}


def _marks(schema: Mapping[str, Any]) -> tuple[list[tuple[str, str]], Any]:
    """(field, kind) pairs and the milestone of a form, read once per schema object."""
    cached = _MARKED.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1], cached[2]
    fields = [
        (name, "age_group" if prop.get("x-statistic") == "age_group" else "value")
        for name, prop in (schema.get("properties") or {}).items()
        if isinstance(prop, dict) and prop.get("x-statistic") and not prop.get("x-personal")
    ]
    milestone = schema.get("x-milestone")
    _MARKED[id(schema)] = (schema, fields, milestone)
    return fields, milestone


def facts_of(schema: Mapping[str, Any] | None, data: Mapping[str, Any], at: datetime) -> list[Fact]:
    """The facts a step with this form and submitted data keeps."""
    if not schema:
        return []
    fields, milestone = _marks(schema)
    facts = [
        Fact("age_group", age_group(data[name]))
        if kind == "age_group"
        else Fact(name, _text(data[name]))
        for name, kind in fields
        if name in data
    ]
    if isinstance(milestone, str):
        facts.append(Fact(MILESTONE + milestone, at.isoformat(), first_only=True))
    elif isinstance(milestone, dict):
        when = milestone.get("when") or {}
        if all(data.get(k) == v for k, v in when.items()):
            facts.append(Fact(MILESTONE + str(milestone["name"]), at.isoformat(), first_only=True))
    return facts


def check_marks(schema: Mapping[str, Any], file: str) -> list[Problem]:
    """Problems with a form's `x-statistic` and `x-milestone` keywords."""
    problems: list[Problem] = []
    for name, prop in (schema.get("properties") or {}).items():
        mark = prop.get("x-statistic") if isinstance(prop, dict) else None
        if mark is None:
            continue
        if mark not in (True, False, "age_group"):
            problems.append(
                _problem(file, f'Field {name!r}: x-statistic must be true or "age_group".')
            )
        elif mark and prop.get("x-personal"):
            problems.append(
                _problem(file, f"Field {name!r} is x-personal and cannot be a statistic.")
            )
        elif mark and {"array", "object"} & set(_types(prop)):
            problems.append(
                _problem(file, f"Field {name!r}: only a single value (not a list) is counted.")
            )
    milestone = schema.get("x-milestone")
    if milestone is None or (isinstance(milestone, str) and milestone):
        return problems
    if not (
        isinstance(milestone, dict)
        and isinstance(milestone.get("name"), str)
        and milestone["name"]
        and isinstance(milestone.get("when", {}), dict)
    ):
        problems.append(
            _problem(
                file,
                'x-milestone must be a name or {"name": ..., "when": {"field": value}}.',
            )
        )
    return problems


def _types(prop: Mapping[str, Any]) -> list[str]:
    kind = prop.get("type")
    return [kind] if isinstance(kind, str) else [k for k in kind or [] if isinstance(k, str)]


def _problem(file: str, message: str) -> Problem:
    return Problem(
        message,
        file=file,
        code="form-statistic",
        fix="See docs/statistics.md for the x-statistic and x-milestone keywords.",
    )
