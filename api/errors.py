"""Errors only the API raises, in the project's one hierarchy (engine.errors.NrmError)."""

from __future__ import annotations

from typing import Any

from engine.errors import ConflictError, ForbiddenError, NrmError


class NotAuthenticatedError(NrmError):
    """No bearer token, or one that is unknown, expired or revoked."""

    status = 401
    title = "Not authenticated"


class BadCredentialsError(NotAuthenticatedError):
    """Wrong username or password."""

    title = "Bad credentials"


class LockedOutError(NrmError):
    """Too many failed sign-ins for this username: wait, then try again."""

    status = 429
    title = "Too many failed sign-ins"

    def __init__(self, message: str, retry_after: int, **fields: Any) -> None:
        super().__init__(message, **fields)
        self.retry_after = retry_after


class RoleRequiredError(ForbiddenError):
    """The caller's roles or agency do not allow this."""

    title = "Not allowed for your role"


class NotParticipantError(ForbiddenError):
    """The caller's agency takes no part in this case."""

    title = "Case of other agencies"


class SharingLimitedError(ForbiddenError):
    """The person stopped sharing her data with the caller's agency: it no longer follows
    the case's progress (its diagram)."""

    title = "Data sharing limited"


class PayloadTooLargeError(NrmError):
    """The request body is larger than the configured limit."""

    status = 413
    title = "Request body too large"


class IdempotencyKeyReusedError(NrmError):
    """The same Idempotency-Key was sent before with a different request."""

    status = 422
    title = "Idempotency key reused"


class IdempotencyKeyInUseError(ConflictError):
    """A request with this Idempotency-Key is still being processed."""

    title = "Idempotency key in use"


class ServiceUnavailableError(NrmError):
    """A dependency (the database) cannot be reached."""

    status = 503
    title = "Service unavailable"
