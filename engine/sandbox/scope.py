"""What diagram code sees: whitelisted builtins, RestrictedPython's guards and the helpers."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

from RestrictedPython.Guards import guarded_iter_unpack_sequence, guarded_unpack_sequence

from engine.errors import ScriptError, ScriptLimitError

from .deadline import untraced
from .limits import (
    MAX_INT_DIGITS,
    check_add,
    guarded_add,
    guarded_format,
    guarded_inplacevar,
    guarded_lshift,
    guarded_mod,
    guarded_mul,
    guarded_pow,
)
from .methods import guarded_getattr, guarded_write, readonly_getattr

MAX_RANGE_LENGTH = 1_000_000

untraced(guarded_iter_unpack_sequence)
untraced(guarded_unpack_sequence)


@untraced
def safe_range(*args: int) -> range:
    """`range` refusing more than MAX_RANGE_LENGTH numbers (`sum(range(10**12))` is one C call)."""
    numbers = range(*args)
    try:
        length = len(numbers)
    except OverflowError:  # longer than sys.maxsize
        length = MAX_RANGE_LENGTH + 1
    if length > MAX_RANGE_LENGTH:
        raise ScriptLimitError(f"range() of more than {MAX_RANGE_LENGTH:,} numbers", kind="size")
    return numbers


@untraced
def safe_sum(items: Iterable[Any], /, start: Any = 0) -> Any:
    """`sum`, adding lists or tuples one by one through the size guard."""
    if not isinstance(start, (list, tuple)):
        return sum(items, start)  # numbers; the builtin refuses strings itself
    total = start
    for item in items:
        check_add(total, item)
        total = total + item
    return total


@untraced
def safe_round(number: Any, ndigits: Any = None) -> Any:
    """`round`, refusing `round(n, -10**8)`, which computes 10**10**8 for an integer."""
    if isinstance(ndigits, int) and abs(ndigits) > MAX_INT_DIGITS:
        raise ScriptLimitError(f"round() to more than {MAX_INT_DIGITS:,} digits", kind="size")
    return round(number, ndigits)


@untraced
def guarded_apply(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`f(*args, **kwargs)` (RestrictedPython's `_apply_`)."""
    return function(*args, **kwargs)


SAFE_BUILTINS: Mapping[str, Any] = MappingProxyType(
    {
        "None": None, "True": True, "False": False,
        "abs": abs, "all": all, "any": any, "bool": bool, "dict": dict, "divmod": divmod,
        "enumerate": enumerate, "filter": filter, "float": float, "int": int,
        "isinstance": isinstance, "len": len, "list": list, "map": map, "max": max,
        "min": min, "range": safe_range, "reversed": reversed, "round": safe_round,
        "set": set, "sorted": sorted, "str": str, "sum": safe_sum, "tuple": tuple, "zip": zip,
    }
)  # fmt: skip


def _guards(getattr_: Callable[[Any, str], Any]) -> dict[str, Any]:
    """The names RestrictedPython's compiled code calls, plus the size guards."""
    # A plain dict (not a proxy): copied into every scope, where dict.update is fastest.
    return {
        "__builtins__": dict(SAFE_BUILTINS),
        "_getattr_": getattr_,
        # C-level equivalents of default_guarded_getitem/getiter: same checks (none), no call.
        "_getitem_": operator.getitem,
        "_getiter_": iter,
        "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
        "_unpack_sequence_": guarded_unpack_sequence,
        "_write_": guarded_write,
        # Loaded at the top of every while body, so even `while True: pass` makes trace events.
        "_tick_": None,
        "_inplacevar_": guarded_inplacevar,
        "_apply_": guarded_apply,
        "_add_": guarded_add,
        "_mul_": guarded_mul,
        "_pow_": guarded_pow,
        "_lshift_": guarded_lshift,
        "_mod_": guarded_mod,
        "_format_": guarded_format,
    }


EXPRESSION_GUARDS = _guards(readonly_getattr)
SCRIPT_GUARDS = _guards(guarded_getattr)


def build_scope(
    data: Mapping[str, Any], functions: Mapping[str, Any], guards: Mapping[str, Any]
) -> dict[str, Any]:
    """Globals for one run: a copy of the data, then the helpers, then the guards."""
    for name in functions:
        if name in data:
            _refuse_shadowing(data, functions)
    scope = dict(data)
    scope.update(functions)
    scope.update(guards)
    return scope


def _refuse_shadowing(data: Mapping[str, Any], functions: Mapping[str, Any]) -> None:
    shadowed = [name for name in functions if name in data]
    if shadowed:
        raise ScriptError(
            "Case data overwrites predefined function(s) "
            f"{', '.join(sorted(shadowed))}: rename these fields in the form or script",
            names=sorted(shadowed),
        )
