"""Idempotency keys: a retried request with the same key gets the first result.

The key's row is written by a hook inside the engine's own transaction, so a step and
its key commit together or not at all: there is no window in which a step is applied
but its key is missing (a crash either loses both, and the retry acts once, or keeps
both, and the retry replays). The same key with a different request is refused (422).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from api.errors import IdempotencyKeyReusedError
from api.models import IdempotencyKey
from api.schemas import StepPublic
from engine.db import read_session
from engine.facade import Engine


def request_hash(payload: Mapping[str, Any]) -> str:
    """SHA-256 of a request's canonical JSON."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def find(*, engine: Engine, username: str, key: str, digest: str) -> IdempotencyKey | None:
    """The stored first result for this user and key; 422 if it was for another request."""
    with read_session(engine.db) as session:
        row = session.exec(
            select(IdempotencyKey).where(
                IdempotencyKey.username == username, IdempotencyKey.key == key
            )
        ).first()
    if row is not None and row.request_hash != digest:
        raise IdempotencyKeyReusedError(
            "This Idempotency-Key was used before with a different request.", key=key
        )
    return row


def store(
    session: Session,
    *,
    username: str,
    key: str,
    digest: str,
    status_code: int,
    step: StepPublic,
    now: datetime,
) -> None:
    """Add the first result (without case data) to the step's transaction."""
    body = step.model_copy(update={"case": step.case.model_copy(update={"data": None})})
    session.add(
        IdempotencyKey(
            username=username,
            key=key,
            request_hash=digest,
            case_id=step.case.id,
            status_code=status_code,
            body=body.model_dump(mode="json"),
            created_at=now,
        )
    )
    session.flush()  # a duplicate key fails here, inside the step, which then rolls back
