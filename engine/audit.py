"""The append-only audit trail: who, agency, when, what, which task, hash of the data (each
case's events a hash chain: engine.trail)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlmodel import Session

from engine import trail
from engine.store import sql as store_sql


def data_hash(data: Mapping[str, Any] | None) -> str | None:
    """SHA-256 of the canonical JSON of submitted data (the data itself is not logged)."""
    if data is None:
        return None
    return hashlib.sha256(_CANONICAL.encode(data).encode("utf-8")).hexdigest()


# json.dumps with these options builds a new encoder at every call; one does (it keeps no state).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), default=str)


def record(
    session: Session,
    *,
    at: datetime,
    actor: str,
    action: str,
    case_id: str | None = None,
    agency: str | None = None,
    task_id: str | None = None,
    task_name: str | None = None,
    data: Mapping[str, Any] | None = None,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Append one event at the head of its chain, in the session's transaction (the caller
    commits it)."""
    row = {
        "case_id": case_id,
        "at": at,
        "actor": actor,
        "agency": agency,
        "action": action,
        "task_id": task_id,
        "task_name": task_name,
        "data_hash": data_hash(data),
        "detail": dict(detail or {}),
    }
    trail.append(store_sql(session), "audit_event", row)
