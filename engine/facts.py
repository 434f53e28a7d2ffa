"""Case facts for statistics: the few non-identifying values a form marks, kept per case.

Statistics (brief §6) count cases by region, exploitation type, sex, age group, consent and
the time to each milestone. Those values live in the case data, inside the workflow state;
reading every case's state to count them would not scale, so a step keeps a copy of just
them in `case_fact` (one row per case and fact) as it runs. A form marks what is kept:

- a field with `"x-statistic": true` is kept under its own name, as text (`true`/`false`
  for booleans);
- a field with `"x-statistic": "age_group"` is kept as an age band (`AGE_GROUPS`) under the
  name `age_group`; an empty age is `unknown`;
- an array field with `"x-statistic": true` keeps each member as `<field>:<member>` (value
  `true`); the submitted list replaces the one before;
- a single-value field with `"x-statistic": "each"` keeps every value the case was ever given
  as `<field>:<value>` (a service delivered twice counts the case once);
- the form itself with `"x-milestone": "<name>"` keeps `milestone:<name>`: when a task with
  that form was first completed; `{"name": "<name>", "when": {"<field>": <value>}}` only when
  the submitted data has those values; a list of these keeps each that applies (accepted or
  declined, say).

Nothing marked `x-personal` can be a fact (validation refuses it): facts hold no identity
and they stay when personal data is purged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
MEMBER = ":"  # between a field and one of its values: `means_of_control:threats`
NAME_LENGTH = 64  # case_fact.name
KINDS = (True, False, "age_group", "each")


@dataclass(frozen=True)
class Fact:
    """One value kept for statistics; a milestone keeps its first value. A fact that
    `clears` stands for removing the case's facts whose names start with `name` (the members
    of a list the step replaces)."""

    name: str
    value: str
    first_only: bool = False
    clears: bool = False


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


def _kind(prop: Mapping[str, Any]) -> str:
    mark = prop.get("x-statistic")
    if mark in ("age_group", "each"):
        return str(mark)
    return "members" if "array" in _types(prop) else "value"


def _marks(schema: Mapping[str, Any]) -> tuple[list[tuple[str, str]], Any]:
    """(field, kind) pairs and the milestone of a form, read once per schema object."""
    cached = _MARKED.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1], cached[2]
    fields = [
        (name, _kind(prop))
        for name, prop in (schema.get("properties") or {}).items()
        if isinstance(prop, dict) and prop.get("x-statistic") and not prop.get("x-personal")
    ]
    milestone = schema.get("x-milestone")
    _MARKED[id(schema)] = (schema, fields, milestone)
    return fields, milestone


def member(field: str, value: Any) -> str:
    """The fact name of one value of a list (or of an `each` field)."""
    return (field + MEMBER + _text(value))[:NAME_LENGTH]


def _field_facts(name: str, kind: str, data: Mapping[str, Any]) -> list[Fact]:
    value = data[name]
    if kind == "age_group":
        return [Fact("age_group", age_group(value))]
    if kind == "each":
        return [] if value is None else [Fact(member(name, value), "true", first_only=True)]
    if kind == "members":
        members = sorted({member(name, v) for v in value or [] if v is not None})
        return [Fact(name + MEMBER, "", clears=True), *(Fact(m, "true") for m in members)]
    return [Fact(name, _text(value))]


def facts_of(schema: Mapping[str, Any] | None, data: Mapping[str, Any], at: datetime) -> list[Fact]:
    """The facts a step with this form and submitted data keeps."""
    if not schema:
        return []
    fields, milestone = _marks(schema)
    facts = [f for name, kind in fields if name in data for f in _field_facts(name, kind, data)]
    for one in milestone if isinstance(milestone, list) else [milestone]:
        if isinstance(one, str):
            facts.append(Fact(MILESTONE + one, at.isoformat(), first_only=True))
        elif isinstance(one, dict):
            when = one.get("when") or {}
            if all(data.get(k) == v for k, v in when.items()):
                facts.append(Fact(MILESTONE + str(one["name"]), at.isoformat(), first_only=True))
    return facts


def milestone_facts(names: Iterable[str], at: datetime) -> list[Fact]:
    """The facts of milestones an event reached (a timer that ran out, say), at that time."""
    return [Fact(MILESTONE + name, at.isoformat(), first_only=True) for name in names]


def check_marks(schema: Mapping[str, Any], file: str) -> list[Problem]:
    """Problems with a form's `x-statistic` and `x-milestone` keywords."""
    problems: list[Problem] = []
    for name, prop in (schema.get("properties") or {}).items():
        mark = prop.get("x-statistic") if isinstance(prop, dict) else None
        if mark is None or mark is False:
            continue
        problem = _mark_problem(name, prop, mark)
        if problem:
            problems.append(_problem(file, problem))
    milestone = schema.get("x-milestone")
    if milestone is None:
        return problems
    if not isinstance(milestone, list) or not milestone:
        milestone = [milestone]
    if not all(_milestone_ok(one) for one in milestone):
        problems.append(
            _problem(
                file,
                'x-milestone must be a name or {"name": ..., "when": {"field": value}}, '
                "or a list of these.",
            )
        )
    return problems


def _milestone_ok(one: Any) -> bool:
    if isinstance(one, str):
        return bool(one)
    return (
        isinstance(one, dict)
        and isinstance(one.get("name"), str)
        and bool(one["name"])
        and isinstance(one.get("when", {}), dict)
    )


def _mark_problem(name: str, prop: Mapping[str, Any], mark: Any) -> str | None:
    kinds = set(_types(prop))
    if mark not in KINDS:
        return f'Field {name!r}: x-statistic must be true, "age_group" or "each".'
    if prop.get("x-personal"):
        return f"Field {name!r} is x-personal and cannot be a statistic."
    if "object" in kinds or ("array" in kinds and mark is not True):
        return f"Field {name!r}: only a single value or a list (x-statistic: true) is counted."
    longest = max((len(str(v)) for v in _options(prop)), default=0)
    if len(name) + len(MEMBER) * ("array" in kinds or mark == "each") + longest > NAME_LENGTH:
        return f"Field {name!r}: its name with its longest value is over {NAME_LENGTH} characters."
    return None


def _options(prop: Mapping[str, Any]) -> list[Any]:
    """The values a field (or its list's items) may take, where the form enumerates them."""
    items = prop.get("items")
    source: Mapping[str, Any] = items if isinstance(items, dict) else prop
    options = [o.get("const") for o in source.get("oneOf") or [] if isinstance(o, dict)]
    return [*options, *(source.get("enum") or [])]


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
