"""Values a script leaves behind, turned into what case data may hold: JSON types only."""

from __future__ import annotations

import math
from typing import Any

from engine.errors import ScriptError

_SCALARS = (str, int, float, bool, type(None))


def to_json_value(value: Any, name: str) -> Any:
    """`value` as dict/list/str/int/float/bool/None: tuples become lists, sets sorted lists.

    Raises ScriptError naming the variable for anything else (a generator, a map, bytes,
    a dict with non-string keys, NaN) instead of failing later when the case is saved.
    """
    try:
        return _convert(value, name)
    except RecursionError:
        raise ScriptError(
            f"Script variable {name!r} is nested too deeply to store in case data", name=name
        ) from None


def _convert(value: Any, name: str) -> Any:
    if type(value) in _SCALARS:
        if type(value) is float and not math.isfinite(value):
            raise _unstorable(name, f"the number {value}")
        return value
    if isinstance(value, dict):
        return {_key(key, name): _convert(item, name) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_convert(item, name) for item in value]
    if isinstance(value, (set, frozenset)):
        items = [_convert(item, name) for item in value]
        try:
            return sorted(items)
        except TypeError:  # mixed types: keep the set's order
            return items
    return _subclass_scalar(value, name)


def _subclass_scalar(value: Any, name: str) -> Any:
    """A StrEnum or IntEnum from a helper as its plain value."""
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return _convert(kind(value) if kind is not str else str.__str__(value), name)
    raise _unstorable(name, f"a {type(value).__name__}")


def _key(key: Any, name: str) -> str:
    if isinstance(key, str):
        return str.__str__(key)
    raise _unstorable(name, f"a dict with the non-string key {key!r}")


def _unstorable(name: str, what: str) -> ScriptError:
    return ScriptError(
        f"Script variable {name!r} holds {what}, which case data cannot store "
        "(only dict with string keys, list, str, int, float, bool, None); "
        "convert it (list(...), str(...)) or del it at the end of the script",
        name=name,
    )
