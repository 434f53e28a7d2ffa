"""A validation report as text for people: grouped by file, in line order."""

from __future__ import annotations

from collections.abc import Iterable

from engine.errors import Problem

_SEVERITY_ORDER = {"error": 0, "warning": 1}


def _key(problem: Problem) -> tuple[str, int, int, str]:
    return (
        problem.file or "",
        problem.line or 0,
        _SEVERITY_ORDER.get(problem.severity, 2),
        problem.element_id or "",
    )


def problem_line(problem: Problem) -> str:
    """`file:line [element] severity: message — fix`."""
    where = problem.file or "-"
    if problem.line is not None:
        where = f"{where}:{problem.line}"
    element = f" [{problem.element_id}]" if problem.element_id else ""
    fix = f" — {problem.fix}" if problem.fix else ""
    return f"{where}{element} {problem.severity}: {problem.message}{fix}"


def report_lines(problems: Iterable[Problem]) -> list[str]:
    """Every problem on one line, files apart by a blank line, each file in line order."""
    lines: list[str] = []
    current: str | None = None
    for problem in sorted(problems, key=_key):
        file = problem.file or ""
        if current is not None and file != current:
            lines.append("")
        current = file
        lines.append(problem_line(problem))
    return lines
