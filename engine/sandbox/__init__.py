"""The sandbox every script, condition, timer expression and decision-table cell runs in.

Diagram code is code from outside: it is compiled only by RestrictedPython
(`policy.py`), with a stricter policy (no import, try, with, class, print), and
run with whitelisted builtins and RestrictedPython's guards (`scope.py`), size
guards on the operators and methods that can build huge values (`limits.py`,
`methods.py`) and a per-thread CPU budget (`deadline.py`). Never `eval`/`exec`
diagram text any other way.

Limits: strings, bytes, lists and tuples of at most 1,000,000 items, ranges of
at most 1,000,000 numbers, integers built by `**`/`*` of at most 10,000 digits
and by `<<` of at most 100,000 bits, 1.0 s of CPU by default.

What it does not bound: memory per run (a loop may keep many million-item
copies alive within its CPU budget), and one C-level call on crafted nested
data (`a in [b] * 10**6`, `a` and `b` million-item lists differing only in
their last item: 10**12 comparisons), which neither a trace hook nor a signal
can interrupt. A process memory limit on the API and worker, or running diagram
code out of process with a kill timer, closes those.
"""

from .data import to_json_value
from .deadline import DEFAULT_TIME_LIMIT
from .environment import RestrictedEnvironment
from .limits import MAX_INT_DIGITS, MAX_SEQUENCE_LENGTH, MAX_SHIFT_BITS
from .policy import compile_expression, compile_script
from .runtime import evaluate_expression, execute_script
from .scope import MAX_RANGE_LENGTH, SAFE_BUILTINS

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "MAX_INT_DIGITS",
    "MAX_RANGE_LENGTH",
    "MAX_SEQUENCE_LENGTH",
    "MAX_SHIFT_BITS",
    "SAFE_BUILTINS",
    "RestrictedEnvironment",
    "compile_expression",
    "compile_script",
    "evaluate_expression",
    "execute_script",
    "to_json_value",
]
