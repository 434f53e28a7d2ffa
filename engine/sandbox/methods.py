"""Attribute access for diagram code: RestrictedPython's `safer_getattr` plus size guards.

`safer_getattr` refuses `_` names, frame and code attributes and `str.format`.
On top of it, the few methods that can build a huge value from small inputs
(`'a'.ljust(10**9)`, `','.join([s] * 1000)`, `(1).to_bytes(10**9)`) are replaced
by guarded versions, whether reached from a value (`s.join`) or a type (`str.join`).
Conditions additionally may not call methods that change lists, dicts or sets.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import islice
from typing import Any

from RestrictedPython.Guards import full_write_guard, safer_getattr, safer_getattr_raise

from engine.errors import ScriptError

from .deadline import untraced
from .limits import (
    MAX_INT_BITS,
    MAX_INT_DIGITS,
    MAX_SEQUENCE_LENGTH,
    check_length,
    too_big_number,
)

Guard = Callable[..., Any]

_MUTATORS = frozenset(
    {
        "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
        "update", "setdefault", "popitem", "add", "discard",
        "difference_update", "intersection_update", "symmetric_difference_update",
    }
)  # fmt: skip
_MUTABLE_TYPES = (list, dict, set)

untraced(safer_getattr)
untraced(safer_getattr_raise)


def _length_or_none(value: Any) -> int | None:
    try:
        return len(value)
    except TypeError:
        return None


@untraced
def guarded_join(sep: Any, items: Any, /) -> Any:
    """`sep.join(items)` refusing a huge result."""
    parts = list(items)
    try:
        total = sum(map(len, parts)) + len(sep) * max(len(parts) - 1, 0)
    except TypeError:
        return sep.join(parts)  # join reports the item of the wrong type itself
    check_length(total, "join()")
    return sep.join(parts)


@untraced
def guarded_replace(text: Any, old: Any, new: Any, count: Any = -1, /) -> Any:
    """`text.replace(old, new, count)` refusing a huge result."""
    hits = text.count(old)
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    check_length(len(text) + hits * (len(new) - len(old)), "replace()")
    return text.replace(old, new, count)


def _padder(name: str) -> Guard:
    @untraced
    def pad(text: Any, width: Any, *args: Any) -> Any:
        if isinstance(width, int):
            check_length(width, f"{name}()")
        return getattr(text, name)(width, *args)

    return pad


@untraced
def guarded_expandtabs(text: Any, tabsize: Any = 8) -> Any:
    """`text.expandtabs(tabsize)` refusing a huge result."""
    if isinstance(tabsize, int):
        tab = "\t" if isinstance(text, str) else b"\t"
        check_length(len(text) + text.count(tab) * max(tabsize, 0), "expandtabs()")
    return text.expandtabs(tabsize)


@untraced
def guarded_translate(text: str, table: Any, /) -> str:
    """`text.translate(table)` refusing a huge result (a table may map a character to a text)."""
    if isinstance(table, dict):
        values: Any = table.values()
    elif isinstance(table, (list, tuple)):
        values = table
    else:
        values = ()
    longest = max((len(v) for v in values if isinstance(v, str)), default=1)
    check_length(len(text) * longest, "translate()")
    return text.translate(table)


@untraced
def guarded_extend(target: list[Any], items: Any, /) -> None:
    """`target.extend(items)` refusing a huge list."""
    size = _length_or_none(items)
    if size is None:
        # Take at most one item too many, before extending: `x.extend(map(abs, x))` would
        # otherwise grow x forever inside C.
        items = list(islice(items, max(MAX_SEQUENCE_LENGTH - len(target), 0) + 1))
        size = len(items)
    check_length(len(target) + size, "extend()")
    target.extend(items)


# `append` and `insert` are guarded too: as C methods fed to a C loop over the same list
# (`any(map(x.append, x))`) they would grow it forever without a single trace event.
@untraced
def guarded_append(target: list[Any], item: Any, /) -> None:
    """`target.append(item)` refusing a huge list."""
    check_length(len(target) + 1, "append()")
    target.append(item)


@untraced
def guarded_insert(target: list[Any], index: Any, item: Any, /) -> None:
    """`target.insert(index, item)` refusing a huge list."""
    check_length(len(target) + 1, "insert()")
    target.insert(index, item)


class _ListWriter:
    """What `_write_` gives for a list: item and slice assignment refusing a huge list."""

    __slots__ = ("_target",)

    def __init__(self, target: list[Any]) -> None:
        self._target = target

    def __setitem__(self, key: Any, value: Any) -> None:
        if isinstance(key, slice):
            size = _length_or_none(value)
            if size is None:
                value = list(value)
                size = len(value)
            replaced = len(range(*key.indices(len(self._target))))
            check_length(len(self._target) - replaced + size, "slice assignment")
        self._target[key] = value

    def __delitem__(self, key: Any) -> None:
        del self._target[key]


@untraced
def guarded_write(obj: Any) -> Any:
    """RestrictedPython's `_write_`: lists through `_ListWriter`, the rest `full_write_guard`."""
    return _ListWriter(obj) if type(obj) is list else full_write_guard(obj)


@untraced
def guarded_to_bytes(number: int, length: Any = 1, *args: Any, **kwargs: Any) -> bytes:
    """`number.to_bytes(length, ...)` refusing a huge result."""
    if isinstance(length, int):
        check_length(length, "to_bytes()")
    return number.to_bytes(length, *args, **kwargs)


@untraced
def guarded_from_bytes(data: Any, *args: Any, **kwargs: Any) -> int:
    """`int.from_bytes(data, ...)` refusing a number of more than MAX_INT_BITS bits."""
    size = _length_or_none(data)
    if size is not None and size * 8 > MAX_INT_BITS:
        raise too_big_number("from_bytes()", f"{MAX_INT_DIGITS:,} digits")
    return int.from_bytes(data, *args, **kwargs)


# name -> (types whose method it replaces, guard taking the instance first)
_METHOD_GUARDS: dict[str, tuple[tuple[type, ...], Guard]] = {
    "join": ((str, bytes), guarded_join),
    "replace": ((str, bytes), guarded_replace),
    "expandtabs": ((str, bytes), guarded_expandtabs),
    "translate": ((str,), guarded_translate),
    "extend": ((list,), guarded_extend),
    "append": ((list,), guarded_append),
    "insert": ((list,), guarded_insert),
    "to_bytes": ((int,), guarded_to_bytes),
    **{name: ((str, bytes), _padder(name)) for name in ("ljust", "rjust", "center", "zfill")},
}
# Class methods: the same guard whether reached from the type or an instance.
_CLASS_METHOD_GUARDS: dict[str, tuple[tuple[type, ...], Guard]] = {
    "from_bytes": ((int,), guarded_from_bytes),
}


def _is_kind(obj: Any, kinds: tuple[type, ...]) -> bool:
    return isinstance(obj, type) and issubclass(obj, kinds)


def _method_guard(obj: Any, name: str) -> Guard | None:
    """The guarded replacement of `obj.name`, or None when it needs none."""
    if name in _CLASS_METHOD_GUARDS:
        kinds, guard = _CLASS_METHOD_GUARDS[name]
        return guard if isinstance(obj, kinds) or _is_kind(obj, kinds) else None
    if name in _METHOD_GUARDS:
        kinds, guard = _METHOD_GUARDS[name]
        if isinstance(obj, kinds):
            return partial(guard, obj)
        if _is_kind(obj, kinds):
            return guard  # unbound, as in `str.join(sep, items)`
    return None


@untraced
def guarded_getattr(obj: Any, name: str) -> Any:
    """`obj.name` for scripts: `safer_getattr`, raising AttributeError, with guarded methods."""
    value = safer_getattr_raise(obj, name)  # type: ignore[no-untyped-call]
    if name in _METHOD_GUARDS or name in _CLASS_METHOD_GUARDS:
        return _method_guard(obj, name) or value
    return value


@untraced
def readonly_getattr(obj: Any, name: str) -> Any:
    """`obj.name` for conditions: as `guarded_getattr`, but no method that changes data."""
    if name in _MUTATORS and (isinstance(obj, _MUTABLE_TYPES) or _is_kind(obj, _MUTABLE_TYPES)):
        raise ScriptError(
            f"An expression may not change case data: .{name}() is not allowed here; "
            "use a script task"
        )
    return guarded_getattr(obj, name)
