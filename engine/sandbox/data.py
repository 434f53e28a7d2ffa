"""Values a script leaves behind, turned into what case data may hold: JSON types only.

The conversion is bounded: `x = [0] * 10**6; y = [x] * 300` is cheap to build (300 references
to one list) but would be 300 million items of case data. Each script's variables may come to
at most `limit` bytes of JSON (counted roughly as they are converted), so the work stops as
soon as the data is known to be too big.
"""

from __future__ import annotations

import math
from typing import Any

from engine.errors import ScriptError, ScriptLimitError

DEFAULT_DATA_LIMIT = 1_048_576  # bytes of JSON a script may leave in the case data

_SCALARS = (str, int, float, bool, type(None))
_NUMBER_SIZE = 8  # a number, true, false or null, counted alike


class DataBudget:
    """How many bytes of JSON the variables of one script may still come to."""

    __slots__ = ("left", "limit")

    def __init__(self, limit: int = DEFAULT_DATA_LIMIT) -> None:
        self.limit = limit
        self.left = limit

    def spend(self, size: int, name: str) -> None:
        """Count `size` bytes for variable `name`; ScriptLimitError when the budget is gone."""
        self.left -= size
        if self.left < 0:
            raise ScriptLimitError(
                f"Script variable {name!r} would put more than {self.limit:,} bytes of data "
                "into the case; keep large values out of case data",
                kind="size",
                name=name,
            )


def to_json_value(value: Any, name: str, budget: DataBudget | None = None) -> Any:
    """`value` as dict/list/str/int/float/bool/None: tuples become lists, sets sorted lists.

    Raises ScriptError naming the variable for anything else (a generator, a map, bytes,
    a dict with non-string keys, NaN) instead of failing later when the case is saved, and
    ScriptLimitError once the values converted with `budget` pass its limit.
    """
    try:
        return _convert(value, name, budget or DataBudget())
    except RecursionError:
        raise ScriptError(
            f"Script variable {name!r} is nested too deeply to store in case data", name=name
        ) from None


def _convert(value: Any, name: str, budget: DataBudget) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        budget.spend(len(value) + 2 if kind is str else _NUMBER_SIZE, name)
        if kind is float and not math.isfinite(value):
            raise _unstorable(name, f"the number {value}")
        return value
    budget.spend(2, name)
    if isinstance(value, dict):
        return {
            _key(key, name, budget): _convert(item, name, budget) for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [_convert(item, name, budget) for item in value]
    if isinstance(value, (set, frozenset)):
        items = [_convert(item, name, budget) for item in value]
        try:
            return sorted(items)
        except TypeError:  # mixed types: keep the set's order
            return items
    return _subclass_scalar(value, name, budget)


def _subclass_scalar(value: Any, name: str, budget: DataBudget) -> Any:
    """A StrEnum or IntEnum from a helper as its plain value."""
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return _convert(kind(value) if kind is not str else str.__str__(value), name, budget)
    raise _unstorable(name, f"a {type(value).__name__}")


def _key(key: Any, name: str, budget: DataBudget) -> str:
    if isinstance(key, str):
        budget.spend(len(key) + 3, name)
        return str.__str__(key)
    raise _unstorable(name, f"a dict with the non-string key {key!r}")


def _unstorable(name: str, what: str) -> ScriptError:
    return ScriptError(
        f"Script variable {name!r} holds {what}, which case data cannot store "
        "(only dict with string keys, list, str, int, float, bool, None); "
        "convert it (list(...), str(...)) or del it at the end of the script",
        name=name,
    )
