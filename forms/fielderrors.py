"""Field errors of a refused submission, phrased in the user's language.

The engine decides what is wrong (engine.forms via the task service) and names the kind
of each problem (`FieldError.code`: the JSON Schema keyword broken, or `unknown`); this
module only words that kind in the catalogue's language, with the limit broken (a minimum,
a length: `FieldError.limit`, else the field's own schema). Messages are never matched as
English text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from engine.errors import FieldError
from forms.fieldlabels import label
from forms.formview import choices_of, properties, widget_of
from forms.translate import Translator

# Kinds whose wording needs nothing but the kind.
_PLAIN = {
    "required": "error.required",
    "dependentRequired": "error.required",
    "enum": "error.choice",
    "oneOf": "error.choice",
    "anyOf": "error.choice",
    "const": "error.choice",
    "pattern": "error.pattern",
    "uniqueItems": "error.unique",
    "x-codes": "error.choice",
}
# Kinds with a limit of the field's schema: (message key, format value as a count).
_LIMITS = {
    "minimum": ("error.minimum", False),
    "maximum": ("error.maximum", False),
    "exclusiveMinimum": ("error.more_than", False),
    "exclusiveMaximum": ("error.less_than", False),
    "minLength": ("error.min_length", True),
    "maxLength": ("error.max_length", True),
    "minItems": ("error.min_items", True),
    "maxItems": ("error.max_items", True),
}
# A value of the wrong type, worded by the input it came from.
_BY_WIDGET = {
    "integer": "error.integer",
    "number": "error.number",
    "date": "error.date",
    "datetime": "error.datetime",
    "yesno": "error.choice",
    "radio": "error.choice",
    "select": "error.choice",
    "checkboxes": "error.choice",
}
_FORMATS = {"date": "error.date", "date-time": "error.datetime"}
# Kinds a condition on other fields brought (an `if`, `dependentRequired`): the message
# names those fields.
_BECAUSE = {
    "required": "error.required_because",
    "dependentRequired": "error.required_because",
    "enum": "error.choice_because",
    "oneOf": "error.choice_because",
    "anyOf": "error.choice_because",
    "const": "error.choice_because",
}
# The rules between fields (engine/crossfield.py); a date's or a text's rule names the other field.
_RULES = {
    "x-not-future": "error.not_future",
    "x-not-before": "error.not_before",
    "x-not-after": "error.not_after",
    "x-same-as": "error.same_as",
    "x-differs-from": "error.differs_from",
}


SHORT = 60


class FieldMessage(str):
    """A field's problem in words, with the `brief` the page's error summary lists: the same
    without the other questions it names (pages review 3, P3-20: each line of the summary
    repeated the parent question and three filled a phone's screen; the field keeps the
    whole message)."""

    brief: str

    def __new__(cls, text: str, brief: str | None = None) -> FieldMessage:
        made = super().__new__(cls, text)
        made.brief = brief or text
        return made


def short(question: str, limit: int = SHORT) -> str:
    """A question named inside another's message, cut at a word near `limit` characters: the
    question is on the page above, and a whole one repeated made three errors fill a phone's
    screen (pages review 3, P3-20)."""
    if len(question) <= limit:
        return question
    return question[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def message(
    t: Translator,
    prop: Mapping[str, Any],
    error: FieldError,
    item: bool = False,
    props: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    """One field's problem in words: by its kind, with the limit it broke or the other
    fields it is about (labelled from the form's `props`, else the catalogue)."""
    code = error.code
    # the case's own (`readOnly`) fields are no question to point at: "required" plainly
    related = [n for n in error.related if not (props or {}).get(n, {}).get("readOnly")]
    others = ", ".join(f"«{short(label(t, props or {}, name))}»" for name in related)
    if code in _BECAUSE and related:
        return t(_BECAUSE[code], fields=others)
    if code in _RULES:
        # the other field may be the case's (the hand-over's day, the suspect's name), shown
        # above the form: named by its label, never by its key (pages review 5, P5-11)
        named = ", ".join(f"«{short(label(t, props or {}, n))}»" for n in error.related)
        return t(_RULES[code], field=named)
    if code == "x-exclusive" and error.related:
        return _exclusive(t, prop, error.related)
    if code == "x-age-of" and isinstance(error.limit, int):
        # an age the date of birth contradicts (pages review 3, P3-3), on both fields
        return t("error.age_of", n=error.limit, field=others)
    if code == "not" and error.related and not related:
        # an answer the case's own record rules out (child protection ticked as cut off in a
        # child's case: pages review 5, P5-4)
        case = ", ".join(f"«{short(label(t, props or {}, n))}»" for n in error.related)
        return t("error.not_by_case", fields=case)
    if code == "not" and related:
        # an answer another answer rules out (a country beside "citizenship not known")
        return t("error.not_with", field=others)
    if code in _PLAIN:
        return t(_PLAIN[code])
    items = prop.get("items")
    rule: Mapping[str, Any] = items if item and isinstance(items, Mapping) else prop
    if code in _LIMITS:
        key, counted = _LIMITS[code]
        limit = error.limit if error.limit is not None else rule.get(code)
        if not isinstance(limit, int | float) or isinstance(limit, bool):
            return t("error.invalid")
        return t(key, n=int(limit)) if counted else t(key, limit=_number(t, limit))
    if code == "format":
        return t(_FORMATS.get(str(rule.get("format")), "error.invalid"))
    if code == "type":
        return t(_BY_WIDGET.get(widget_of(prop), "error.invalid"))
    return t("error.invalid")


def by_case(t: Translator, schema: Mapping[str, Any] | None, error: FieldError) -> str | None:
    """A choice the case's own (`readOnly`) answers rule out — a rule whose `if` tests only
    them fixes the field's `const` — worded with the one answer left and what of the case
    rules the rest out (pages review 4, P4-8: "Choose one of the options" under a chosen
    one); None for any other problem."""
    props = properties(schema)
    name = error.field
    if error.code != "const" or not error.related or name not in props:
        return None
    if not all(props.get(n, {}).get("readOnly") for n in error.related):
        return None
    for rule in [schema or {}, *((schema or {}).get("allOf") or [])]:
        tested = set((rule.get("if") or {}).get("properties") or {})
        fixed = ((rule.get("then") or {}).get("properties") or {}).get(name) or {}
        if "const" in fixed and tested and tested <= set(error.related):
            titles = {c.value: c.title for c in choices_of(props[name])}
            left = titles.get(str(fixed["const"]))
            if left:
                case = ", ".join(f"«{short(label(t, props, n))}»" for n in error.related)
                return t("error.choice_by_case", fields=case, answer=f"«{t.form(left)}»")
    return None


def _exclusive(t: Translator, prop: Mapping[str, Any], answers: tuple[str, ...]) -> str:
    """ "«None» cannot be chosen together with «ID card»": the answers by their titles."""
    titles = {c.value: t.form(c.title) for c in choices_of(prop)}
    alone, *rest = (f"«{titles.get(a, a)}»" for a in answers)
    return t("error.exclusive", answer=alone, others=", ".join(rest))


def _number(t: Translator, value: float) -> str:
    text = str(int(value)) if float(value).is_integer() else str(value)
    return text if t.lang == "en" else text.replace(".", ",")


def localise(
    t: Translator,
    schema: Mapping[str, Any] | None,
    errors: Iterable[FieldError],
    data: Mapping[str, Any] | None = None,
    index: Mapping[str, Mapping[str, Any]] | None = None,
) -> tuple[dict[str, str], list[str]]:
    """Per-field messages (the first problem of each field), and messages that belong to
    no field of the form. A field required because of another question nobody answered
    (citizenship, when "is it known?" is unanswered) is that question's problem: the
    message goes to the question (`data`: what was sent). `index` labels the case's own
    fields a rule compares with (the case's field index)."""
    props = properties(schema)
    labelled = {**(index or {}), **props}
    per_field: dict[str, str] = {}
    general: list[str] = []
    for error in errors:
        name, _, rest = error.field.partition("/")
        first = _unanswered(error, props, data)
        if first is not None:
            said = t("error.answer_first", fields=f"«{label(t, props, name)}»")
            per_field.setdefault(first, FieldMessage(said, t("error.required")))
        elif name in props and error.code != "unknown":
            said = by_case(t, schema, error) or message(
                t, props[name], error, item=bool(rest), props=labelled
            )
            per_field.setdefault(name, FieldMessage(said, _brief(t, error)))
        elif name == "(form)":
            general.append(t("error.invalid"))
        else:
            general.append(t("error.unknown_field", field=name))
    return per_field, general


def _brief(t: Translator, error: FieldError) -> str | None:
    """The summary's words for a question another answer made required: "Answer this
    question.", not that answer's question (it is on the page above). A refused choice keeps
    the question it conflicts with: that is what to look at."""
    if error.code in ("required", "dependentRequired") and error.related:
        return t("error.required")
    return None


def _unanswered(
    error: FieldError, props: Mapping[str, Any], data: Mapping[str, Any] | None
) -> str | None:
    """The first question of the form, unanswered in `data`, whose answer would decide
    whether this refused field is needed; None when there is none (or no data)."""
    if data is None or error.code not in _BECAUSE:
        return None
    for other in error.related:
        # a `readOnly` field is the case's, never sent nor shown as a question: the problem
        # stays with the refused field (a child's views), or nobody would see it
        if (
            other in props
            and not props[other].get("readOnly")
            and data.get(other) in (None, "", [])
        ):
            return other
    return None
