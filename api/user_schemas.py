"""Request and response bodies of the account routes (admins)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class UserPublic(BaseModel):
    """An account as admins see it (never its password hash)."""

    username: str
    agency: str | None
    roles: list[str]
    active: bool
    created_at: datetime


class UsersPublic(BaseModel):
    """Every account, by username."""

    data: list[UserPublic]


class UserCreate(BaseModel):
    """A new account: roles, the agency (casework roles need one with lanes), a password."""

    username: str = Field(max_length=100, examples=["a.usenova"])
    password: str = Field(max_length=1000)
    agency: str | None = Field(default=None, max_length=64, examples=["police"])
    roles: list[str] = Field(max_length=6, examples=[["caseworker"]])


class PasswordChange(BaseModel):
    """A new password for an account."""

    password: str = Field(max_length=1000)


class AccountChanged(BaseModel):
    """What a password change, disabling or enabling did."""

    username: str
    active: bool
    sign_ins_ended: int
