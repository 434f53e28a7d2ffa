"""A task form's JSON Schema as fields to render (submitted fields back to JSON:
forms/formparse.py).

Forms are flat (docs/diagram-conventions.md): each top-level property is one field.
Raw values are what the page shows and the browser sends: a string, or a list of strings
for checkboxes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator

from engine import codes

Raw = str | list[str]


@dataclass(frozen=True)
class Choice:
    """One option of a choice field: the raw value and its (English) title."""

    value: str
    title: str


@dataclass(frozen=True)
class Condition:
    """An answer that makes a field required (a form's `if`/`then`): the other field, its
    (English) title, and the raw value it must have (None: any answer)."""

    field: str
    title: str
    value: str | None
    value_title: str | None


@dataclass
class Field:
    """One form field as the page renders it."""

    name: str
    title: str
    help: str
    widget: str  # text textarea integer number date datetime yesno radio select checkboxes codes
    required: bool  # must be answered: listed in `required` and not allowed empty (null)
    personal: bool
    nullable: bool
    choices: list[Choice]
    value: Raw = ""
    error: str | None = None
    codes: str | None = None  # the kind of codes a `codes` widget picks (engine/codes.py)
    required_if: list[Condition] = field(default_factory=list)
    required_now: bool = False  # required by a condition the values shown meet
    # a list of choices the form requires but takes with none ticked (no `minItems`): an
    # answer "none", said under the list, not refused, so it has no asterisk
    none_is_answer: bool = False

    def when(self) -> list[tuple[str, str | None]]:
        """(field, value) of each answer that makes this field required, for site.js."""
        return [(c.field, c.value) for c in self.required_if]


@dataclass
class Section:
    """Fields under one heading (`x-section`), in the order the form lists them."""

    title: str | None
    fields: list[Field] = field(default_factory=list)


def types_of(prop: Mapping[str, Any]) -> set[str]:
    """The JSON types a property allows."""
    declared = prop.get("type")
    if isinstance(declared, list):
        return {str(t) for t in declared}
    return {str(declared)} if declared else set()


def raw_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def choices_of(prop: Mapping[str, Any]) -> list[Choice]:
    """The options of a property (`oneOf` const/title, or `enum`), or of its array items."""
    source = prop.get("items") if "array" in types_of(prop) else prop
    if not isinstance(source, Mapping):
        return []
    options = source.get("oneOf")
    if isinstance(options, list) and all(isinstance(o, Mapping) and "const" in o for o in options):
        return [Choice(raw_text(o["const"]), str(o.get("title") or o["const"])) for o in options]
    enum = source.get("enum")
    if isinstance(enum, list):
        return [Choice(raw_text(v), str(v)) for v in enum if v is not None]
    return []


def widget_of(prop: Mapping[str, Any]) -> str:
    """Which input renders a property."""
    kinds = types_of(prop)
    if "array" in kinds:
        return "checkboxes"
    if codes.kind_of(prop):
        return "codes"
    if choices_of(prop):
        return "radio" if prop.get("x-widget") == "radio" else "select"
    if "boolean" in kinds:
        return "yesno"
    for kind in ("integer", "number"):
        if kind in kinds:
            return kind
    fmt = prop.get("format")
    if fmt in ("date", "date-time"):
        return "date" if fmt == "date" else "datetime"
    return "textarea" if prop.get("x-widget") == "textarea" else "text"


def properties(schema: Mapping[str, Any] | None) -> dict[str, Mapping[str, Any]]:
    """The form's fields, in order."""
    props = (schema or {}).get("properties") or {}
    return {name: p for name, p in props.items() if isinstance(p, Mapping)}


def editable(schema: Mapping[str, Any] | None) -> dict[str, Mapping[str, Any]]:
    """The fields a person fills in, in order: not the `readOnly` ones, which the engine sets
    from the task (a page shows them through `x-context`)."""
    return {name: p for name, p in properties(schema).items() if not p.get("readOnly")}


def build(
    schema: Mapping[str, Any] | None,
    values: Mapping[str, Raw] | None = None,
    errors: Mapping[str, str] | None = None,
    hidden: frozenset[str] = frozenset(),
    case: Mapping[str, Any] | None = None,
) -> list[Section]:
    """The form's fields grouped by section, filled with raw values and field errors
    (`hidden`: fields not asked of this person, see `not_asked`). With the `case` data, the
    form's rules on its `readOnly` fields are settled (`for_case`): a child's views plainly
    required for a presumed child, "who withdrew" not asked of an adult's case."""
    shaped, ruled_out = for_case(schema, case)
    required = set((shaped or {}).get("required") or [])
    values, errors = values or {}, errors or {}
    conditional = conditions(shaped)
    # a choice the case narrowed to one answer starts chosen (pages review 4, P4-8)
    left = {
        n: raw_text(p["oneOf"][0]["const"])
        for n, p in editable(shaped).items()
        if p is not editable(schema).get(n) and len(p.get("oneOf") or []) == 1
    }
    sections: dict[str | None, Section] = {}
    for name, prop in editable(shaped).items():
        if name in hidden or name in ruled_out:
            continue
        heading = prop.get("x-section")
        key = heading if isinstance(heading, str) else None
        section = sections.setdefault(key, Section(key))
        widget = widget_of(prop)
        default: Raw = [] if widget == "checkboxes" else ""
        nullable = "null" in types_of(prop)
        takes_none = "array" in types_of(prop) and not int(prop.get("minItems") or 0)
        section.fields.append(
            Field(
                name=name,
                title=_title(prop, name, case),
                help=str(prop.get("description") or ""),
                widget=widget,
                # A field the form takes empty (null: "empty when unknown") is sent empty,
                # not refused: no asterisk, whatever `required` says of its key.
                required=name in required and not nullable and not takes_none,
                none_is_answer=name in required and takes_none,
                personal=bool(prop.get("x-personal")),
                nullable=nullable,
                choices=choices_of(prop) or [Choice(v, t) for v, t in codes.also(prop)],
                value=values.get(name) or left.get(name) or default,
                error=errors.get(name),
                codes=codes.kind_of(prop),
                required_if=conditional.get(name, []),
                required_now=any(_met(c, values) for c in conditional.get(name, [])),
            )
        )
    return list(sections.values())


def _title(prop: Mapping[str, Any], name: str, case: Mapping[str, Any] | None) -> str:
    """The question as this person is asked it: `"x-child-title"` for a child (`presumed_child`
    true: the guardian decides a child's return, pages review 4 P4-12), else its title."""
    child = prop.get("x-child-title")
    if isinstance(child, str) and (case or {}).get("presumed_child") is True:
        return child
    return str(prop.get("title") or name)


def for_case(
    schema: Mapping[str, Any] | None, case: Mapping[str, Any] | None
) -> tuple[Mapping[str, Any] | None, frozenset[str]]:
    """The form as this case reads it, and the fields it never asks of this case (pages
    review 3, P3-15). A rule's test of a `readOnly` field is the case's, not an answer to give:
    met, the rule keeps only its tests of answers (none left: its `then` is simply required);
    not met, its `else` applies instead. A field only a branch the case rules out asks for
    ("who withdrew" or "the guardian was told" on an adult's case), and the follow-ups of such
    a field, are not asked. Without `case`, the form as it is."""
    if not schema or case is None:
        return schema, frozenset()
    read_only = {n for n, p in properties(schema).items() if p.get("readOnly")}
    required = list(schema.get("required") or [])
    rules: list[Mapping[str, Any]] = []
    ruled_out: set[str] = set()
    fixed: dict[str, Any] = {}
    for rule in [schema, *(schema.get("allOf") or [])]:
        test = rule.get("if")
        if not isinstance(test, Mapping):
            if rule is not schema:
                rules.append(rule)
            continue
        tested = test.get("properties") or {}
        on_case = [n for n in tested if n in read_only]
        if not on_case:
            rules.append({k: rule[k] for k in ("if", "then", "else") if k in rule})
            continue
        needed = [n for n in test.get("required") or [] if n in on_case]
        part = {"properties": {n: tested[n] for n in on_case}, "required": needed}
        met = Draft202012Validator(part).is_valid(
            {n: case[n] for n in on_case if case.get(n) is not None}
        )
        branch, other = ("then", "else") if met else ("else", "then")
        ruled_out |= set((rule.get(other) or {}).get("required") or [])
        chosen = rule.get(branch)
        if not isinstance(chosen, Mapping):
            continue
        rest = {n: t for n, t in tested.items() if n not in read_only}
        if met and not rest:  # the case leaves one answer: offer only it (pages review 4, P4-8)
            fixed |= {
                n: p["const"] for n, p in (chosen.get("properties") or {}).items() if "const" in p
            }
        if rest and met:
            kept = [n for n in test.get("required") or [] if n in rest]
            rules.append({"if": {"properties": rest, "required": kept}, "then": chosen})
        else:
            required += list(chosen.get("required") or [])
    hidden: set[str] = set()
    while True:  # a field ruled out takes the follow-ups only it leads to with it
        asked = set(required) | {
            n
            for r in rules
            if not _tests_only(r, hidden)
            for n in (r.get("then") or {}).get("required") or []
        }
        found = {n for n in ruled_out - asked if n not in read_only}
        if found <= hidden:
            break
        hidden |= found
        for r in rules:
            if _tests_only(r, hidden):
                ruled_out |= set((r.get("then") or {}).get("required") or [])
    shaped = {k: v for k, v in schema.items() if k not in ("if", "then", "else", "allOf")}
    shaped["required"] = required
    shaped["allOf"] = [r for r in rules if not _tests_only(r, hidden)]
    if fixed:
        shaped["properties"] = {
            n: _only(p, fixed[n]) if n in fixed else p for n, p in properties(schema).items()
        }
    return shaped, frozenset(hidden)


def _only(prop: Mapping[str, Any], value: Any) -> Mapping[str, Any]:
    """A choice field offering only the answer the case leaves (its title kept)."""
    kept = [
        o for o in prop.get("oneOf") or [] if isinstance(o, Mapping) and o.get("const") == value
    ]
    return {**prop, "oneOf": kept} if kept else prop


def _tests_only(rule: Mapping[str, Any], fields: set[str]) -> bool:
    """True for a rule whose `if` tests only these fields (and some)."""
    tested = set((rule.get("if") or {}).get("properties") or {})
    return bool(tested) and tested <= fields


def not_asked(schema: Mapping[str, Any] | None, data: Mapping[str, Any]) -> frozenset[str]:
    """Fields the page does not show for this person: `"x-adults-only": true` ones when the
    case holds `presumed_child` true (a child's consent per receiver is not asked; review
    P-4), and those with a child's fixed answer (`child_answers`, shown read-only instead).
    Their answers stay optional in the form for a child (a list sent empty)."""
    if data.get("presumed_child") is not True:
        return frozenset()
    hidden = {n for n, p in editable(schema).items() if p.get("x-adults-only") is True}
    return frozenset(hidden | set(child_answers(schema, data)))


def child_answers(schema: Mapping[str, Any] | None, data: Mapping[str, Any]) -> dict[str, Any]:
    """For a child (`presumed_child` true), the fields whose answer is fixed by the procedure
    (`"x-child-answer": value`: a child's referral goes to the child-protection body), by
    name: the page shows them read-only among what the case holds, not as a question (page
    review P-4). The diagram records the answer; the page sends nothing for them."""
    if data.get("presumed_child") is not True:
        return {}
    return {
        name: prop["x-child-answer"]
        for name, prop in editable(schema).items()
        if "x-child-answer" in prop
    }


def conditions(schema: Mapping[str, Any] | None) -> dict[str, list[Condition]]:
    """Per field, the answers that make it required: the form's `if` (one field's `const`, a
    list that `contains` one, or any answer) with `then: {required: [...]}`, at the top or in
    `allOf`."""
    props = properties(schema)
    rules = [schema or {}, *((schema or {}).get("allOf") or [])]
    found: dict[str, list[Condition]] = {}
    for rule in rules:
        condition, then = rule.get("if"), rule.get("then")
        if not isinstance(condition, Mapping) or not isinstance(then, Mapping):
            continue
        tested = condition.get("properties") or {}
        if len(tested) != 1:
            continue
        ((other, test),) = tested.items()
        if isinstance(test, Mapping) and isinstance(test.get("contains"), Mapping):
            test = test["contains"]  # a list holding this answer (a service in the plan)
        value = raw_text(test["const"]) if isinstance(test, Mapping) and "const" in test else None
        titles = {c.value: c.title for c in choices_of(props.get(other, {}))}
        made = Condition(other, str(props.get(other, {}).get("title") or other), value,
                         titles.get(value or ""))  # fmt: skip
        for name in then.get("required") or ():
            found.setdefault(name, []).append(made)
    return found


def _met(condition: Condition, values: Mapping[str, Raw]) -> bool:
    shown = values.get(condition.field)
    if condition.value is None:
        return bool(shown)
    return shown == condition.value or (isinstance(shown, list) and condition.value in shown)


def initial_values(schema: Mapping[str, Any] | None, data: Mapping[str, Any]) -> dict[str, Raw]:
    """Raw values of the form's fields from case data (what the case already holds). A
    single answer the form also shows in its context (`x-context`) is asked anew and left
    empty: the context names the earlier one (the receiver who declined, or whom the person
    refused), and pre-selecting it offered the same receiver again (page review F-G); a list
    of answers (receivers the person agreed to) starts from what is recorded, to add to."""
    values: dict[str, Raw] = {}
    shown = set((schema or {}).get("x-context") or [])
    for name, prop in editable(schema).items():
        if name not in data or data[name] is None:
            continue
        if name in shown and widget_of(prop) != "checkboxes":
            continue
        value = data[name]
        if widget_of(prop) == "checkboxes":
            values[name] = [raw_text(v) for v in value] if isinstance(value, list) else []
        else:
            values[name] = raw_text(value)
    # a question whose likely answer another field of the case holds starts from it
    # (`"x-initial": "language"`: the interpreter's language from the person's; review P-10)
    for name, prop in editable(schema).items():
        source = prop.get("x-initial")
        if name in values or not isinstance(source, str) or data.get(source) in (None, ""):
            continue
        if widget_of(prop) != "checkboxes" and not isinstance(data[source], (list, dict)):
            values[name] = raw_text(data[source])
    return values
