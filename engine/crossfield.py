"""Rules between the fields of a form, declared in the form itself (docs/forms.md).

JSON Schema says what one field may hold; `if`/`then` and `dependentRequired` say which
fields an answer makes required or which answers fit together. What JSON Schema cannot say
— one date against another or against today, an answer that excludes the others — a form
declares on the field with these keywords:

- `"x-not-future": true` — a date not after today (Bishkek's date, the engine's clock);
- `"x-not-before": ["other", ...]` — a date on or after each other field's date;
- `"x-not-after": ["other", ...]` — a date on or before each other field's date;
- `"x-exclusive": ["value", ...]` — on a list of choices: each of these answers only alone;
- `"x-codes": "country"` or `"language"` — an ISO code (engine/codes.py), no typed name;
- `"x-same-as": ["other", ...]` — a text equal to each other field's text when that holds one
  (spaces and case aside: a child lands where child protection arranged the hand-over);
- `"x-differs-from": ["other", ...]` — a text never equal to another field's text (the guardian
  who confirms a child's return is not the suspect; pages review 4, P4-1/P4-2);
- `"x-age-of": {"born": "date_of_birth", "on": "detection_date"}` — on an age in years: it
  agrees with the date of birth on that day (or today): within a year, and on the same side
  of 18, so that a typo in one box never takes a child out of child protection (pages review
  3, P3-3). Both fields get the error.

The other fields are the form's own or, when the form does not ask them, the case's data
(the form lists them in `x-context`, so that the person sees the date they must keep to).
The engine checks them on every submission (API and pages alike, `engine/forms.py`);
validation refuses a form whose rules name what it cannot check (`rule_problems`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from engine import codes
from engine.errors import FieldError

NOT_FUTURE = "x-not-future"
NOT_BEFORE = "x-not-before"
NOT_AFTER = "x-not-after"
EXCLUSIVE = "x-exclusive"
CODES = "x-codes"
AGE_OF = "x-age-of"
SAME_AS = "x-same-as"
DIFFERS_FROM = "x-differs-from"
ADULT = 18
KEYWORDS = (NOT_FUTURE, NOT_BEFORE, NOT_AFTER, EXCLUSIVE, CODES, AGE_OF, SAME_AS, DIFFERS_FROM)
_RULED = frozenset(KEYWORDS)
_ORDERED = frozenset((NOT_BEFORE, NOT_AFTER))
_TEXTS = (SAME_AS, DIFFERS_FROM)
_COMPARED = _ORDERED | frozenset(_TEXTS)
_ORDER = {NOT_BEFORE: "The date is before {other}.", NOT_AFTER: "The date is after {other}."}
_TEXT = {SAME_AS: "The text differs from {other}.", DIFFERS_FROM: "The text is that of {other}."}


def _props(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    props = schema.get("properties")
    return props if isinstance(props, Mapping) else {}


def _day(value: Any) -> date | None:
    """A date field's value as a date (None when empty or not a date: jsonschema says so)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _others(prop: Mapping[str, Any], keyword: str) -> list[str]:
    named = prop.get(keyword)
    return [named] if isinstance(named, str) else [n for n in named or () if isinstance(n, str)]


def outside_fields(schema: Mapping[str, Any] | None) -> set[str]:
    """The fields a form's rules compare with that the form does not ask (the case's data)."""
    if not schema:
        return set()
    props = _props(schema)
    named = {
        other
        for prop in props.values()
        if isinstance(prop, Mapping) and not _COMPARED.isdisjoint(prop)
        for keyword in (NOT_BEFORE, NOT_AFTER, *_TEXTS)
        for other in _others(prop, keyword)
    }
    return named - set(props)


def rule_errors(
    schema: Mapping[str, Any], data: Mapping[str, Any], *, known: Mapping[str, Any], today: date
) -> list[FieldError]:
    """Each broken rule of the data, naming the field and the other fields (or answers).
    Every submission comes here: a field without a rule keyword costs one set look-up."""
    ruled = [
        (name, prop)
        for name, prop in _props(schema).items()
        if isinstance(prop, Mapping) and not _RULED.isdisjoint(prop)
    ]
    if not ruled:
        return []
    values = {**known, **data}
    errors: list[FieldError] = []
    for name, prop in ruled:
        if data.get(name) is not None:
            errors += _field_rules(name, prop, data[name], values, today)
            errors += _age_rule(name, prop, data[name], values, today)
            errors += _text_rules(name, prop, data[name], values)
    return errors


def _text_rules(
    name: str, prop: Mapping[str, Any], value: Any, values: Mapping[str, Any]
) -> Iterator[FieldError]:
    """A text that must be (`x-same-as`) or must not be (`x-differs-from`) another field's
    text, compared without regard to spaces and case; an empty other field is not compared."""
    if not isinstance(value, str) or not _plain(value):
        return
    for keyword in _TEXTS:
        for other in _others(prop, keyword):
            theirs = values.get(other)
            if not isinstance(theirs, str) or not _plain(theirs):
                continue
            if (_plain(value) == _plain(theirs)) != (keyword == SAME_AS):
                said = _TEXT[keyword].format(other=other)
                yield FieldError(name, said, keyword, related=(other,))


def _plain(text: str) -> str:
    """A text as compared: words separated by one space, case folded."""
    return " ".join(text.split()).casefold()


def years_on(born: date, day: date) -> int:
    """Full years of a person born on `born`, on `day`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _age_rule(
    name: str, prop: Mapping[str, Any], value: Any, values: Mapping[str, Any], today: date
) -> Iterator[FieldError]:
    """An age that disagrees with the date of birth: by more than a year, or on the other
    side of 18. The error goes on both fields; `limit` is the age the date of birth gives."""
    rule = prop.get(AGE_OF)
    if not isinstance(rule, Mapping) or not isinstance(value, int) or isinstance(value, bool):
        return
    born_field, on_field = rule.get("born"), rule.get("on")
    born = _day(values.get(born_field)) if isinstance(born_field, str) else None
    if born is None:
        return
    on = min((_day(values.get(on_field)) if isinstance(on_field, str) else None) or today, today)
    if born > on:  # a birth after the day: its own date rule says so
        return
    years = years_on(born, on)
    if abs(years - value) <= 1 and (years < ADULT) == (value < ADULT):
        return
    said = f"The age {value} and the date of birth (age {years}) disagree."
    yield FieldError(name, said, AGE_OF, years, related=(str(born_field),))
    yield FieldError(str(born_field), said, AGE_OF, years, related=(name,))


def _field_rules(
    name: str, prop: Mapping[str, Any], value: Any, values: Mapping[str, Any], today: date
) -> Iterator[FieldError]:
    if not codes.is_allowed(prop, value):
        yield FieldError(name, f"{value!r} is no {prop[CODES]} code.", CODES)
    day = _day(value)
    if day is not None and prop.get(NOT_FUTURE) is True and day > today:
        yield FieldError(name, f"The date is after today ({today}).", NOT_FUTURE)
    for keyword in (NOT_BEFORE, NOT_AFTER):
        for other in _others(prop, keyword):
            bound = _day(values.get(other))
            if day is None or bound is None:
                continue
            if (day < bound) if keyword == NOT_BEFORE else (day > bound):
                yield FieldError(
                    name, _ORDER[keyword].format(other=other), keyword, related=(other,)
                )
    alone = [v for v in prop.get(EXCLUSIVE) or () if isinstance(value, list) and v in value]
    if alone and len(set(map(str, value))) > 1:
        rest = tuple(str(v) for v in value if v != alone[0])
        yield FieldError(
            name, f"{alone[0]!r} cannot be chosen with {', '.join(rest)}.", EXCLUSIVE,
            related=(str(alone[0]), *rest),
        )  # fmt: skip


def rule_problems(schema: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, what is wrong) for each rule a form declares that cannot be checked."""
    props = _props(schema)
    shown = set(props) | {c for c in schema.get("x-context") or () if isinstance(c, str)}
    for name, prop in props.items():
        if not isinstance(prop, Mapping):
            continue
        where = f"properties/{name}"
        dated = prop.get("format") in ("date", "date-time")
        if NOT_FUTURE in prop and (not dated or not isinstance(prop[NOT_FUTURE], bool)):
            yield where, f"{NOT_FUTURE} needs a date field and true or false"
        for keyword in (NOT_BEFORE, NOT_AFTER):
            if keyword in prop and not dated:
                yield where, f"{keyword} needs a date field"
            for other in _others(prop, keyword):
                if other not in shown:
                    yield where, f"{keyword} names {other!r}, neither a field nor in x-context"
        for keyword in _TEXTS:
            if keyword in prop and (prop.get("type") != "string" or dated):
                yield where, f"{keyword} needs a text field"
            for other in _others(prop, keyword):
                if other not in shown:
                    yield where, f"{keyword} names {other!r}, neither a field nor in x-context"
        if EXCLUSIVE in prop:
            yield from _exclusive_problems(where, prop)
        if CODES in prop and (codes.kind_of(prop) is None or prop.get("type") != "string"):
            yield where, f"{CODES} needs a text field and one of: {', '.join(codes.KINDS)}"
        if AGE_OF in prop:
            yield from _age_problems(where, prop, props)


def _age_problems(
    where: str, prop: Mapping[str, Any], props: Mapping[str, Any]
) -> Iterator[tuple[str, str]]:
    rule = prop[AGE_OF]
    if not isinstance(rule, Mapping) or "integer" not in _types(prop):
        yield where, f'{AGE_OF} needs an integer field and {{"born": field, "on": field}}'
        return
    for key in ("born", "on"):
        other = rule.get(key)
        if key == "on" and other is None:
            continue
        named = props.get(other) if isinstance(other, str) else None
        if not isinstance(named, Mapping) or named.get("format") != "date":
            yield where, f"{AGE_OF} {key} names {other!r}, not a date field of the form"


def _types(prop: Mapping[str, Any]) -> list[Any]:
    kind = prop.get("type")
    return kind if isinstance(kind, list) else [kind]


def _exclusive_problems(where: str, prop: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    items: Mapping[str, Any] = prop["items"] if isinstance(prop.get("items"), Mapping) else {}
    choices = {c.get("const") for c in items.get("oneOf") or () if isinstance(c, Mapping)}
    choices |= set(items.get("enum") or ())
    if prop.get("type") != "array" or not isinstance(prop[EXCLUSIVE], list):
        yield where, f"{EXCLUSIVE} needs a list of answers on a list field"
        return
    for value in prop[EXCLUSIVE]:
        if value not in choices:
            yield where, f"{EXCLUSIVE} names {value!r}, not one of the field's answers"
