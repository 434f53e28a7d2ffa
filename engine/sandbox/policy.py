"""Compiling diagram code: RestrictedPython's policy, made stricter, with a bounded cache.

On top of RestrictedPython (no `_` names, no frame attributes, no eval/exec,
guarded attribute, item and iteration access) the sandbox refuses:

- `import` (nothing to import: the helpers are already there);
- `try`: a script that could catch the CPU or size limit error would keep
  running untraced (CPython drops the trace hook that raised);
- `with` and `class` (nothing needs them; fewer ways in);
- `print` (diagram code has no output).

It also rewrites `+ * ** << %` and f-string fields into calls to the size
guards of `limits.py`.
"""

from __future__ import annotations

import ast
import functools
import re
import textwrap
from collections.abc import Iterable
from types import CodeType

from RestrictedPython.compile import (
    CompileResult,
    compile_restricted_eval,
    compile_restricted_exec,
)
from RestrictedPython.transformer import RestrictingNodeTransformer, copy_locations

from engine.errors import ScriptCompileError

# Spiff finds the failing line of a script in tracebacks by this file name.
FILENAME = "<string>"
MAX_SOURCE_LENGTH = 100_000
_CACHE_SIZE = 4096

VisitResult = ast.AST | Iterable[ast.AST] | None

_GUARDED_OPERATORS: dict[type[ast.operator], str] = {
    ast.Add: "_add_",
    ast.Mult: "_mul_",
    ast.Pow: "_pow_",
    ast.LShift: "_lshift_",
    ast.Mod: "_mod_",
}
_LINE = re.compile(r"Line (\d+):")


def _call(function: str, args: list[ast.expr], like: ast.expr) -> ast.Call:
    call = ast.Call(func=ast.Name(function, ast.Load()), args=args, keywords=[])
    copy_locations(call, like)
    return call


class SandboxPolicy(RestrictingNodeTransformer):
    """RestrictedPython's policy without imports, try, with, class or print; guarded operators."""

    def visit_BinOp(self, node: ast.BinOp) -> VisitResult:
        node = self.node_contents_visit(node)
        guard = _GUARDED_OPERATORS.get(type(node.op))
        return node if guard is None else _call(guard, [node.left, node.right], node)

    def visit_FormattedValue(self, node: ast.FormattedValue) -> VisitResult:
        node = self.node_contents_visit(node)
        spec = node.format_spec or ast.Constant("")
        args = [node.value, ast.Constant(node.conversion), spec]
        node.value = _call("_format_", args, node.value)
        node.conversion, node.format_spec = -1, None
        return node

    def visit_While(self, node: ast.While) -> VisitResult:
        node = self.node_contents_visit(node)
        # `while True: pass` compiles to one jump to itself, which CPython never reports to
        # a trace hook; loading a name first gives every iteration a line event.
        tick = ast.Expr(ast.Name("_tick_", ast.Load()))
        copy_locations(tick, node.body[0])
        node.body.insert(0, tick)
        return node

    def visit_Import(self, node: ast.Import) -> VisitResult:
        names = ", ".join(alias.name for alias in node.names)
        self.error(node, f"imports are not allowed in diagram code (import {names}).")
        return node

    def visit_ImportFrom(self, node: ast.ImportFrom) -> VisitResult:
        self.error(node, f"imports are not allowed in diagram code (from {node.module} import).")
        return node

    def visit_Try(self, node: ast.Try) -> VisitResult:
        self.error(node, "try/except is not allowed: let the task fail and fix its data instead.")
        return node

    def visit_TryStar(self, node: ast.AST) -> VisitResult:
        self.error(node, "try/except is not allowed: let the task fail and fix its data instead.")
        return node

    def visit_With(self, node: ast.With) -> VisitResult:
        self.error(node, "with statements are not allowed in diagram code.")
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> VisitResult:
        self.error(node, "class definitions are not allowed in diagram code.")
        return node

    def visit_Name(self, node: ast.Name) -> VisitResult:
        if node.id in ("print", "printed"):
            self.error(node, "print is not available: diagram code has no output; set a variable.")
            return node
        return super().visit_Name(node)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def compile_expression(source: str) -> CodeType:
    """Compile a condition, timer or decision-table expression in restricted mode (cached)."""
    return _compile(source, source.strip(), "eval")


@functools.lru_cache(maxsize=_CACHE_SIZE)
def compile_script(source: str) -> CodeType:
    """Compile a script task's script in restricted mode (cached)."""
    # A script indented as a whole (as XML editors do) still compiles; lines keep their numbers.
    return _compile(source, textwrap.dedent(source), "exec")


def _compile(source: str, text: str, mode: str) -> CodeType:
    if len(text) > MAX_SOURCE_LENGTH:
        raise ScriptCompileError(
            f"Diagram code longer than {MAX_SOURCE_LENGTH:,} characters", line=None, source=source
        )
    compile_mode = compile_restricted_eval if mode == "eval" else compile_restricted_exec
    try:
        result: CompileResult = compile_mode(text, filename=FILENAME, policy=SandboxPolicy)
    except (ValueError, RecursionError, MemoryError) as err:  # null bytes, absurd nesting
        raise ScriptCompileError(f"Line 1: cannot compile: {err}", line=1, source=source) from err
    if result.errors or result.code is None:
        errors = list(result.errors) or ["Line None: the code could not be compiled."]
        raise ScriptCompileError("; ".join(errors), line=_line_of(errors[0]), source=source)
    return result.code


def _line_of(error: str) -> int | None:
    match = _LINE.match(error)
    return int(match.group(1)) if match else None
