"""The project's one error hierarchy: every failure a user can cause is one of these.

Each error carries structured fields so `api/` can map it to a problem response
(RFC 9457) and the CLI can print it, without parsing messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FieldError:
    """One invalid form field: a JSON-pointer-like path and what is wrong with it.

    `code` names the kind of problem for people who word it themselves: the JSON Schema
    keyword the value broke (`required`, `type`, `enum`, `format`, `minimum`, `maxLength`,
    `oneOf`, ...), or `unknown` for a field the form does not declare; `limit` is that
    keyword's number where it has one (the minimum, the longest length, ...); `related` the
    other fields the problem is about (the answer an `if` read, the date a date must not
    precede; for `x-exclusive` the answer that stands alone, then the others chosen).
    """

    field: str
    message: str
    code: str | None = None
    limit: int | float | None = None
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """One problem found in a diagram, a decision table or a form file."""

    message: str
    file: str | None = None
    line: int | None = None
    element_id: str | None = None
    severity: str = "error"  # "error" or "warning"
    code: str = "invalid"
    fix: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "element_id": self.element_id,
            "fix": self.fix,
        }

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line) if p is not None)
        element = f" [{self.element_id}]" if self.element_id else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{where or '-'}{element}: {self.severity}: {self.message}{fix}"


class NrmError(Exception):
    """Base of every error the project raises on purpose."""

    status = 400
    title = "Bad request"

    def __init__(self, message: str, **fields: Any) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields

    def details(self) -> dict[str, Any]:
        """Structured fields for a problem response (without the message)."""
        return {k: v for k, v in self.fields.items() if v is not None}

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as it is (a step host sends its errors to the server process): the
        # subclasses' own constructors take other arguments than `args`.
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(cls: type[NrmError], args: tuple[Any, ...], state: dict[str, Any]) -> NrmError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class NotFoundError(NrmError):
    """Something asked for by id does not exist."""

    status = 404
    title = "Not found"


class UnknownProcessError(NotFoundError):
    """No deployed process has this id (or version)."""

    title = "Unknown process"


class UnknownCaseError(NotFoundError):
    """No case has this id."""

    title = "Unknown case"


class UnknownTaskError(NotFoundError):
    """No human task has this id."""

    title = "Unknown task"


class ForbiddenError(NrmError):
    """The caller may not do this (another agency's task, a missing role)."""

    status = 403
    title = "Forbidden"


class WrongAgencyError(ForbiddenError):
    """The task belongs to another agency's lane."""

    title = "Task of another agency"


class NotMessageSenderError(ForbiddenError):
    """The agency is not among the senders the diagram allows for this message."""

    title = "Not a sender of this message"


class ConflictError(NrmError):
    """The state changed under the caller: a concurrent update or a task no longer open."""

    status = 409
    title = "Conflict"


class TaskNotReadyError(ConflictError):
    """The task exists but is not open for completion (done, cancelled, waiting)."""

    title = "Task not open"


class MessageNotAwaitedError(ConflictError):
    """The case does not wait for a message of this name now (or no such message exists)."""

    title = "Message not awaited"


class TaskClaimedError(ConflictError):
    """The task is claimed by someone else."""

    title = "Task claimed by someone else"


class OverrideNotConfirmedError(TaskClaimedError):
    """A supervisor would complete a task someone else claimed without confirming it."""

    title = "Confirm completing a task someone else claimed"


class ConcurrentUpdateError(ConflictError):
    """Another writer changed the case first; nothing of this request was applied."""

    title = "Concurrent update"


class MigrationRefusedError(ConflictError):
    """Some of the cases asked for cannot move to the new version; none was moved."""

    title = "Migration refused"


class InvalidDataError(NrmError):
    """Form or case data does not satisfy the task's JSON Schema."""

    status = 422
    title = "Invalid data"

    def __init__(self, message: str, errors: list[FieldError], **fields: Any) -> None:
        super().__init__(message, **fields)
        self.errors = errors


class InvalidDiagramError(NrmError):
    """A diagram, decision table or form file cannot be deployed."""

    status = 422
    title = "Invalid diagram"

    def __init__(self, message: str, problems: list[Problem] | None = None, **fields: Any) -> None:
        super().__init__(message, **fields)
        self.problems = problems or [
            Problem(
                message,
                file=fields.get("file"),
                line=fields.get("line"),
                element_id=fields.get("element_id"),
            )
        ]

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class InvalidOfficialFiguresError(NrmError):
    """A file of official figures cannot be loaded (every problem with its line)."""

    status = 422
    title = "Invalid official figures"

    def __init__(self, message: str, problems: list[Problem], **fields: Any) -> None:
        super().__init__(message, **fields)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join([self.message, *(str(p) for p in self.problems)])


class ScenariosFailedError(NrmError):
    """A candidate version fails scenarios of the processes it changes; nothing was deployed.

    `gate` (a field) is the gate's report: each failing scenario with its step and error.
    """

    status = 422
    title = "Scenarios failed"

    def __init__(self, message: str, lines: list[str], **fields: Any) -> None:
        super().__init__(message, **fields)
        self.lines = lines

    def __str__(self) -> str:
        return "\n".join([self.message, *self.lines])


class GateUnavailableError(NrmError):
    """The scenario gate cannot run here (no test steps installed)."""

    status = 503
    title = "Scenario gate unavailable"


class StoredStateError(NrmError):
    """A stored case state this release cannot read (written by a newer release, or in a
    layout no migration upgrades)."""

    status = 500
    title = "Stored case unreadable"


class SchemaNotReadyError(NrmError):
    """The database has no tables yet, or a schema older (or newer) than this release's."""

    status = 503
    title = "Database not migrated"


class LibraryChangedError(ConflictError):
    """Another deployment changed the library while a candidate was checked; retry."""

    title = "Library changed"


class ScriptError(NrmError):
    """A script, condition or timer expression from a diagram failed or was refused."""

    status = 422
    title = "Script error"


class ScriptCompileError(ScriptError):
    """Diagram code that does not compile in the restricted environment."""

    title = "Script refused"


class ScriptLimitError(ScriptError):
    """Diagram code that ran past its CPU or size limit."""

    title = "Script limit exceeded"


class StepLimitError(NrmError):
    """A step stopped at one of its limits (wall-clock time, memory, data it would write);
    nothing of it was saved. The deployed diagram or form needs a fix, not the request."""

    status = 422
    title = "Step limit exceeded"


class WorkflowError(NrmError):
    """The workflow engine failed while running a case (after validation passed)."""

    status = 422
    title = "Workflow error"


class ParameterError(NrmError):
    """A parameter set in the environment is not allowed (not a number, below its minimum)."""

    title = "Parameter not allowed"


class ProductionRefusedError(NrmError):
    """An operation meant for development was asked for in production."""

    status = 403
    title = "Refused in production"


@dataclass
class ErrorReport:
    """A collection of problems, for validation reports."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that block deployment."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems that do not block deployment."""
        return [p for p in self.problems if p.severity == "warning"]
