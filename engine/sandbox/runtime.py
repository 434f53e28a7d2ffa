"""Running diagram code: one expression, or one script writing its results back."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from types import ModuleType
from typing import Any

from .data import DEFAULT_DATA_LIMIT, DataBudget, to_json_value
from .deadline import DEFAULT_TIME_LIMIT, run_bounded
from .policy import compile_expression, compile_script
from .scope import EXPRESSION_GUARDS, SCRIPT_GUARDS, build_scope

_NO_FUNCTIONS: Mapping[str, Any] = {}
_MISSING = object()
_MUTABLE = (list, dict, set)


def evaluate_expression(
    source: str,
    namespace: Mapping[str, Any],
    functions: Mapping[str, Any] | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Any:
    """Evaluate a condition, timer or decision-table expression over `namespace` and return it.

    `namespace` is not changed: the expression sees a copy, and methods that change a
    list, dict or set are refused.
    """
    code = compile_expression(source)
    scope = build_scope(namespace, functions or _NO_FUNCTIONS, EXPRESSION_GUARDS)
    return run_bounded(code, scope, time_limit)


def execute_script(
    source: str,
    namespace: MutableMapping[str, Any],
    functions: Mapping[str, Any] | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    data_limit: int = DEFAULT_DATA_LIMIT,
) -> None:
    """Run a script over `namespace` (task data) and write its variables back into it.

    New and changed top-level variables (and lists, dicts and sets, which it may have
    changed in place) are written back as JSON types: tuples become lists, sets sorted
    lists, anything else raises ScriptError (see `to_json_value`); together they may come
    to at most `data_limit` bytes of JSON (else ScriptLimitError). Names the script
    deletes are removed. Functions, modules, `_` names and the helpers in `functions` are
    never written back. When the script fails, nothing is written back, but a list or dict
    it changed in place before failing stays changed (as with Spiff's own environment).
    """
    code = compile_script(source)
    helpers = functions or _NO_FUNCTIONS
    scope = build_scope(namespace, helpers, SCRIPT_GUARDS)
    run_bounded(code, scope, time_limit)
    _write_back(scope, namespace, helpers, DataBudget(data_limit))


def _write_back(
    scope: Mapping[str, Any],
    namespace: MutableMapping[str, Any],
    helpers: Mapping[str, Any],
    budget: DataBudget,
) -> None:
    """Copy the script's variables into `namespace`; none is written if one cannot be stored."""
    updates = {}
    for name, value in scope.items():
        if name in SCRIPT_GUARDS or name in helpers:
            continue
        # A value the script did not rebind is left alone, unless it is a container it may
        # have changed in place (`items.append(...)`).
        if value is namespace.get(name, _MISSING) and not isinstance(value, _MUTABLE):
            continue
        if not name.startswith("_") and not callable(value) and not isinstance(value, ModuleType):
            updates[name] = to_json_value(value, name, budget)
    removed = [name for name in namespace if name not in scope]
    for name in removed:
        del namespace[name]
    namespace.update(updates)
