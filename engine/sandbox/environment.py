"""The SpiffWorkflow script environment that runs diagram code in the sandbox."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment

from engine.errors import ScriptError

from .data import DEFAULT_DATA_LIMIT
from .deadline import DEFAULT_TIME_LIMIT
from .runtime import evaluate_expression, execute_script


class RestrictedEnvironment(BasePythonScriptEngineEnvironment):  # type: ignore[misc]
    """Runs every condition, script, timer and decision-table cell through RestrictedPython.

    `functions` (e.g. `param`, `hours`, `days`, `working_days`, `now`, `today`) are visible
    to diagram code but never written into task data; task data with one of their names
    is refused. Errors raised by the code itself (NameError, KeyError, ...) and the
    sandbox's ScriptError family propagate unchanged: Spiff's PythonScriptEngine wraps
    them in WorkflowTaskException, whose `error_type` is the class name and whose
    `__context__` is the original error.
    """

    def __init__(
        self,
        functions: Mapping[str, Callable[..., Any]] | None = None,
        time_limit: float = DEFAULT_TIME_LIMIT,
        data_limit: int = DEFAULT_DATA_LIMIT,
    ) -> None:
        super().__init__()
        self.functions: Mapping[str, Callable[..., Any]] = MappingProxyType(dict(functions or {}))
        self.time_limit = time_limit
        self.data_limit = data_limit

    def evaluate(
        self,
        expression: str,
        context: Mapping[str, Any],
        external_context: Mapping[str, Any] | None = None,
    ) -> Any:
        """The value of `expression` over the task data (which wins over `external_context`)."""
        data = {**external_context, **context} if external_context else context
        return evaluate_expression(expression, data, self.functions, self.time_limit)

    def execute(
        self,
        script: str,
        context: dict[str, Any],
        external_context: Mapping[str, Any] | None = None,
    ) -> bool:
        """Run `script`, writing its variables into the task data `context`."""
        # As in Spiff, external names are visible, may not be shadowed and are not written back.
        helpers = {**self.functions, **external_context} if external_context else self.functions
        execute_script(script, context, helpers, self.time_limit, self.data_limit)
        return True

    def call_service(self, context: Mapping[str, Any], **kwargs: Any) -> Any:  # noqa: ARG002
        """Service tasks would reach outside the sandbox: refused."""
        raise ScriptError("service tasks are not supported")
