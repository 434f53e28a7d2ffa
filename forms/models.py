"""The one table the web pages own: half-filled forms saved as drafts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from engine.models import UTCDateTime


class FormDraft(SQLModel, table=True):
    """What one user typed into one task's form, saved without validation.

    It may hold personal data: only the same user reads it back, and it is deleted when
    the task is completed or cancelled.
    """

    __tablename__ = "form_draft"
    __table_args__ = (UniqueConstraint("username", "task_id"),)
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100)
    task_id: str = Field(foreign_key="human_task.id", max_length=36, index=True)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    saved_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class ReportDraft(SQLModel, table=True):
    """A report (`/report`) being typed, kept for its author: saved as a draft, on a language
    switch, a refused or held send, or posted after the author's sign-in ended.

    There is no task to keep it on, so it is kept per user: one at a time, given back on
    /report until the report is sent or the author throws the draft away, and deleted after
    `KEEP_REPORT` (forms/drafts.py) when nobody came back for it. It holds personal data.
    """

    __tablename__ = "report_draft"
    username: str = Field(primary_key=True, max_length=100)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    saved_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
