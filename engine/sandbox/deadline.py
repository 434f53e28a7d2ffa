"""CPU budget for diagram code: a per-thread trace hook with a deadline.

Signals only reach the main thread, and FastAPI runs sync handlers in a thread
pool, so the budget is enforced by `sys.settrace` in the running thread. The
hook reads the cheap wall clock on every event and the (slower) thread CPU clock
only when the budget could be used up; CPU time never exceeds wall time.

A trace hook cannot interrupt one long C-level call (`sum`, `sorted`, `str`):
the size guards keep each of those small, and `try` is refused at compile time
so diagram code cannot swallow the limit error and carry on untraced.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from time import perf_counter, thread_time
from types import FrameType, FunctionType
from typing import TYPE_CHECKING, Any, TypeVar, cast

from engine.errors import ScriptLimitError

if TYPE_CHECKING:
    from types import CodeType

    from _typeshed import TraceFunction

DEFAULT_TIME_LIMIT = 1.0

# The first CPU check comes after this much wall time; most code is done long before.
_FIRST_CHECK = 0.01
# Never check more often than this, however little budget is left.
_MIN_CHECK_INTERVAL = 0.001

_UNTRACED: set[int] = set()

F = TypeVar("F", bound=Callable[..., Any])


def untraced(func: F) -> F:
    """Mark trusted sandbox machinery whose lines need no tracing (its calls are still checked)."""
    # Ids, not code objects: hashing a code object hashes its bytecode on every lookup.
    _UNTRACED.add(id(cast(FunctionType, func).__code__))
    return func


def run_bounded(code: CodeType, scope: dict[str, Any], time_limit: float) -> Any:
    """Run compiled sandbox code with `scope` as globals within `time_limit` s of CPU time."""
    previous = sys.gettrace()
    sys.settrace(_budget_tracer(time_limit))
    try:
        # `code` was compiled by RestrictedPython; eval runs exec-mode code too (returning None).
        return eval(code, scope)
    finally:
        # Restores a debugger's or coverage's hook; CPython drops ours when it raises.
        sys.settrace(previous)


def _budget_tracer(limit: float) -> TraceFunction:
    """A trace function that raises ScriptLimitError once the thread used `limit` s of CPU."""
    started = perf_counter()
    next_check = started + min(limit, _FIRST_CHECK)
    cpu_base: float | None = None

    def trace(frame: FrameType, event: str, _arg: Any) -> TraceFunction | None:
        nonlocal next_check, cpu_base
        if perf_counter() >= next_check:
            now, cpu = perf_counter(), thread_time()
            if cpu_base is None:
                # Count the wall time before the first check as CPU: never less than was used.
                cpu_base = cpu - (now - started)
            remaining = limit - (cpu - cpu_base)
            if remaining <= 0:
                raise ScriptLimitError(
                    f"Diagram code exceeded {float(limit)} s CPU budget (an endless loop?)",
                    kind="cpu_time",
                )
            next_check = now + max(remaining, _MIN_CHECK_INTERVAL)
        if event == "call" and id(frame.f_code) in _UNTRACED:
            return None
        return trace

    return trace
