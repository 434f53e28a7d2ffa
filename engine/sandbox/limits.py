"""Size guards: refuse a value that would be huge before Python builds it.

`10**10**8` or `'a' * 10**9` is one C-level step that no trace hook can stop,
so the sandbox policy rewrites `+ * ** << %`, their augmented forms and
f-string fields into calls to these guards. Small arithmetic pays one extra
function call.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from typing import Any

from engine.errors import ScriptLimitError

from .deadline import untraced

MAX_SEQUENCE_LENGTH = 1_000_000  # characters, bytes or items in one str, bytes, list or tuple
MAX_INT_DIGITS = 10_000  # decimal digits of a number built by `**` or `*`
MAX_INT_BITS = math.ceil(MAX_INT_DIGITS * math.log2(10))
MAX_SHIFT_BITS = 100_000  # bits of a number built by `<<`

_SEQUENCES = (str, bytes, list, tuple)
_DIGITS = re.compile(r"\d+")
# One printf-style field: optional mapping key, flags, width, precision.
_PRINTF_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?")
_CONVERSIONS: dict[int, Callable[[object], str]] = {ord("s"): str, ord("r"): repr, ord("a"): ascii}

Check = Callable[[Any, Any], None]


@untraced
def check_length(length: int, operation: str) -> None:
    """Refuse a string, bytes, list or tuple longer than MAX_SEQUENCE_LENGTH."""
    if length > MAX_SEQUENCE_LENGTH:
        raise ScriptLimitError(
            f"{operation} would build a sequence of more than {MAX_SEQUENCE_LENGTH:,} items",
            kind="size",
        )


def too_big_number(operation: str, limit: str) -> ScriptLimitError:
    """The error for an integer that would be too big."""
    return ScriptLimitError(f"{operation} would build a number of more than {limit}", kind="size")


@untraced
def check_add(a: Any, b: Any) -> None:
    """Refuse `a + b` joining two sequences into a huge one."""
    if isinstance(a, _SEQUENCES) and isinstance(b, _SEQUENCES):
        check_length(len(a) + len(b), "'+'")


@untraced
def check_mul(a: Any, b: Any) -> None:
    """Refuse `a * b` making a huge number or repeating a sequence into a huge one."""
    if isinstance(a, int):
        if isinstance(b, int):
            if a.bit_length() + b.bit_length() > MAX_INT_BITS:
                raise too_big_number("'*'", f"{MAX_INT_DIGITS:,} digits")
        elif isinstance(b, _SEQUENCES):
            check_length(len(b) * a, "'*'")
    elif isinstance(b, int) and isinstance(a, _SEQUENCES):
        check_length(len(a) * b, "'*'")


@untraced
def check_pow(base: Any, exponent: Any) -> None:
    """Refuse `base ** exponent` making an integer of more than MAX_INT_DIGITS digits."""
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        # The first test keeps a huge exponent from overflowing the float product.
        if exponent > MAX_INT_BITS or exponent * math.log2(abs(base)) > MAX_INT_BITS:
            raise too_big_number("'**'", f"{MAX_INT_DIGITS:,} digits")


@untraced
def check_lshift(a: Any, b: Any) -> None:
    """Refuse `a << b` making an integer of more than MAX_SHIFT_BITS bits."""
    if isinstance(a, int) and isinstance(b, int) and a and b > 0:
        if a.bit_length() + b > MAX_SHIFT_BITS:
            raise too_big_number("'<<'", f"{MAX_SHIFT_BITS:,} bits")


@untraced
def check_mod(a: Any, b: Any) -> None:  # noqa: ARG001 - same signature as the other checks
    """Refuse printf-style formatting (`'%9999999d' % n`) with a huge width or precision."""
    if isinstance(a, (str, bytes)):
        text = a.decode("latin-1") if isinstance(a, bytes) else a
        for field in _PRINTF_FIELD.finditer(text):
            for number in field.groups():
                if number == "*":
                    raise ScriptLimitError("'%' with a '*' width is refused", kind="size")
                _check_width(number or "0", "'%' formatting")


@untraced
def check_format_spec(spec: str) -> None:
    """Refuse a format spec (`f'{x:>999999999}'`) with a huge width or precision."""
    for number in _DIGITS.findall(spec):
        _check_width(number, "a format spec")


@untraced
def _check_width(digits: str, operation: str) -> None:
    # The length test first: int() refuses strings of more than 4,300 digits.
    if len(digits) > len(str(MAX_SEQUENCE_LENGTH)) or int(digits) > MAX_SEQUENCE_LENGTH:
        raise ScriptLimitError(
            f"{operation} with a width or precision over {MAX_SEQUENCE_LENGTH:,}", kind="size"
        )


@untraced
def guarded_add(a: Any, b: Any) -> Any:
    """`a + b` within the size limits."""
    if type(a) is not int and type(a) is not float:  # adding numbers is always small
        check_add(a, b)
    return a + b


@untraced
def guarded_mul(a: Any, b: Any) -> Any:
    """`a * b` within the size limits."""
    check_mul(a, b)
    return a * b


@untraced
def guarded_pow(a: Any, b: Any) -> Any:
    """`a ** b` within the size limits."""
    check_pow(a, b)
    return a**b


@untraced
def guarded_lshift(a: Any, b: Any) -> Any:
    """`a << b` within the size limits."""
    check_lshift(a, b)
    return a << b


@untraced
def guarded_mod(a: Any, b: Any) -> Any:
    """`a % b` within the size limits."""
    if type(a) is not int and type(a) is not float:  # only formatting can grow
        check_mod(a, b)
    return a % b


@untraced
def guarded_format(value: Any, conversion: int, spec: str) -> str:
    """One f-string field, `f'{value!conversion:spec}'`, within the size limits."""
    convert = _CONVERSIONS.get(conversion)
    if convert is not None:
        value = convert(value)
    if spec:
        check_format_spec(spec)
    return format(value, spec)


_INPLACE: dict[str, tuple[Check | None, Callable[[Any, Any], Any]]] = {
    "+=": (check_add, operator.iadd),
    "-=": (None, operator.isub),
    "*=": (check_mul, operator.imul),
    "/=": (None, operator.itruediv),
    "//=": (None, operator.ifloordiv),
    "%=": (check_mod, operator.imod),
    "**=": (check_pow, operator.ipow),
    "<<=": (check_lshift, operator.ilshift),
    ">>=": (None, operator.irshift),
    "&=": (None, operator.iand),
    "|=": (None, operator.ior),
    "^=": (None, operator.ixor),
    "@=": (None, operator.imatmul),
}


@untraced
def guarded_inplacevar(op: str, target: Any, value: Any) -> Any:
    """`target op= value` (RestrictedPython's `_inplacevar_`) within the size limits."""
    check, apply = _INPLACE[op]
    if check is not None:
        check(target, value)
    return apply(target, value)
