"""Running diagram code: one expression, or one script writing its results back."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from functools import partial
from types import CodeType, ModuleType
from typing import Any

from .data import DEFAULT_DATA_LIMIT, DataBudget, to_json_value
from .deadline import DEFAULT_TIME_LIMIT, run_bounded, untraced
from .policy import compile_expression, compile_script
from .scope import EXPRESSION_GUARDS, SCRIPT_GUARDS, build_scope

_NO_FUNCTIONS: Mapping[str, Any] = {}
_MISSING = object()
_MUTABLE = (list, dict, set)
# `field("name", default)`: a case field's value, or the default when the case has none (an
# optional answer, a field another branch sets). Bound to the data each run; added to a
# scope only when the code names it.
FIELD_HELPER = "field"


@untraced
def _field_value(namespace: Mapping[str, Any], name: str, default: Any = None) -> Any:
    return namespace.get(name, default)


def _with_field(code: CodeType, scope: dict[str, Any], namespace: Mapping[str, Any]) -> None:
    if _names(code, FIELD_HELPER) and FIELD_HELPER not in namespace:
        scope[FIELD_HELPER] = partial(_field_value, namespace)


def _names(code: CodeType, name: str) -> bool:
    """True when the code, or code nested in it (a comprehension, a lambda), names `name`."""
    if name in code.co_names:
        return True
    return any(isinstance(c, CodeType) and _names(c, name) for c in code.co_consts)


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
    _with_field(code, scope, namespace)
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
    _with_field(code, scope, namespace)
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
