"""Tables the API owns: bearer tokens, failed logins, access records, idempotency keys.

Engine tables (cases, tasks, users, audit) stay in `engine.models`; the API only reads
them for its read models and writes its own rows here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from engine.models import UTCDateTime


def _when(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(
        default=None if nullable else ..., sa_type=UTCDateTime, nullable=nullable, index=index
    )


class ApiToken(SQLModel, table=True):
    """An opaque bearer token `<id>.<secret>`: only an argon2 hash of the secret is kept."""

    __tablename__ = "api_token"
    id: str = Field(primary_key=True, max_length=32)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    secret_hash: str = Field(max_length=255)
    created_at: datetime = _when()
    expires_at: datetime = _when(index=True)
    revoked_at: datetime | None = _when(nullable=True)


class LoginFailure(SQLModel, table=True):
    """One failed (or not yet checked) sign-in, keyed by hashes of the normalised username and
    of the client's address (no raw input is stored)."""

    __tablename__ = "login_failure"
    id: int | None = Field(default=None, primary_key=True)
    username_key: str = Field(max_length=64, index=True)
    address_key: str = Field(default="", max_length=64)
    at: datetime = _when(index=True)


class AccessRecord(SQLModel, table=True):
    """A response that contained personal fields: who, agency, when, case, which fields, why;
    each case's records a hash chain (engine.trail)."""

    __tablename__ = "access_record"
    # A chain's head is its case's newest row (engine.trail): (case_id, id) finds it at once.
    __table_args__ = (Index("ix_access_record_case_id", "case_id", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _when(index=True)
    username: str = Field(max_length=100)
    agency: str | None = Field(default=None, max_length=64)
    case_id: str = Field(max_length=36)
    task_id: str | None = Field(default=None, max_length=36)
    endpoint: str = Field(max_length=100)
    fields: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    prev_hash: str | None = Field(default=None, max_length=64)
    hash: str = Field(max_length=64)


class IdempotencyKey(SQLModel, table=True):
    """The first result of a request sent with an `Idempotency-Key`, stored with its step.

    The body is kept without case data: a replay projects the case data afresh, so no
    personal data is copied here and a replay is access-logged like any read.
    """

    __tablename__ = "idempotency_key"
    __table_args__ = (UniqueConstraint("username", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100)
    key: str = Field(max_length=255)
    request_hash: str = Field(max_length=64)
    case_id: str = Field(max_length=36)
    status_code: int
    body: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _when(index=True)
