"""What a form schema may use: references to itself only, and patterns a linear-time engine runs.

A form is text from outside. A `$ref` to `http://…` or `file://…` would make the server fetch
a URL or read a file on every completion, and a backtracking pattern (`^(a+)+$`) can take
minutes on a short value. So validation refuses both (`schema_problems`), and at run time both
validators resolve nothing outside the form (`refuse_retrieval`) and check `pattern` with RE2
(`search`), whose matching time grows linearly with the value. `patternProperties` is refused
outright: jsonschema reads it with Python's backtracking `re` in three keywords (forms declare
their fields in `properties`; the engine refuses any other field anyway).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any, NoReturn

import re2
from referencing.exceptions import NoSuchResource

# Keywords whose value is one subschema, a list of them, or a map of names to them.
_ONE = frozenset(
    {
        "additionalProperties", "items", "contains", "propertyNames", "not", "if", "then",
        "else", "unevaluatedItems", "unevaluatedProperties", "additionalItems",
    }
)  # fmt: skip
_LIST = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_MAP = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})
_REFERENCES = ("$ref", "$dynamicRef")

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # a refused pattern is reported to the user, not to stderr


class PatternRefusedError(ValueError):
    """A pattern RE2 cannot compile (look-around, back-references, too large)."""


@functools.lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> Any:
    """The pattern compiled by RE2 (cached); PatternRefusedError saying why it cannot be."""
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        why = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternRefusedError(why) from None


def search(pattern: str, text: str) -> bool:
    """True when `pattern` matches somewhere in `text` (JSON Schema's `pattern` rule), in RE2."""
    return compile_pattern(pattern).search(text) is not None


def refuse_retrieval(uri: str) -> NoReturn:
    """A retriever for both validators: a form resolves nothing outside itself."""
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # an attrs class mypy cannot read


def is_local(reference: str) -> bool:
    """True for a reference within the same form (`#`, `#/$defs/name`, `#anchor`)."""
    return reference.startswith("#")


def has_references(schema: Any) -> bool:
    """True when a `$ref` or `$dynamicRef` appears anywhere in the schema."""
    if isinstance(schema, Mapping):
        return any(key in _REFERENCES or has_references(v) for key, v in schema.items())
    if isinstance(schema, list):
        return any(has_references(item) for item in schema)
    return False


def schema_problems(schema: Any, where: str = "") -> Iterator[tuple[str, str, str]]:
    """(where, what is wrong, problem code) for each reference out of the form, each pattern
    RE2 cannot compile and each patternProperties, at any depth of the schema."""
    if not isinstance(schema, Mapping):
        return
    for key in _REFERENCES:
        ref = schema.get(key)
        if isinstance(ref, str) and not is_local(ref):
            yield _at(where, key), f"{key} {ref!r} points outside the form", "form-ref"
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        yield from _pattern_problem(pattern, _at(where, "pattern"))
    if "patternProperties" in schema:
        yield (
            _at(where, "patternProperties"),
            "patternProperties is not supported; declare each field in properties",
            "form-pattern",
        )
    yield from _subschema_problems(schema, where)


def _subschema_problems(schema: Mapping[str, Any], where: str) -> Iterator[tuple[str, str, str]]:
    for key, value in schema.items():
        if key in _ONE:
            yield from schema_problems(value, _at(where, key))
        elif key in _LIST and isinstance(value, list):
            for index, item in enumerate(value):
                yield from schema_problems(item, _at(where, f"{key}/{index}"))
        elif key in _MAP and isinstance(value, Mapping):
            for name, item in value.items():
                yield from schema_problems(item, _at(where, f"{key}/{name}"))


def _pattern_problem(pattern: str, where: str) -> Iterator[tuple[str, str, str]]:
    try:
        compile_pattern(pattern)
    except PatternRefusedError as exc:
        yield where, f"pattern {pattern!r} cannot run in linear time ({exc})", "form-pattern"


def _at(where: str, key: str) -> str:
    return f"{where}/{key}" if where else key
