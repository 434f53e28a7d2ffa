"""Pooled PostgreSQL connections: one left idle is checked before use, and a dead one is
replaced without the caller noticing (engine.db)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from engine import db as dbmod
from engine.db import make_engine


def test_a_dead_idle_connection_is_replaced_before_use(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite has no server to lose")
    engine = make_engine(database_url, pool_size=1, max_overflow=0)
    with engine.connect() as conn:
        first = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    admin = make_engine(database_url)
    with admin.connect() as conn:  # the server drops the pooled connection
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
    admin.dispose()
    monkeypatch.setattr(dbmod, "PING_AFTER_IDLE_S", 0.0)
    with engine.connect() as conn:
        second = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    assert second != first
    engine.dispose()


def test_a_connection_in_steady_use_is_not_pinged(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite has no server to lose")
    engine = make_engine(database_url, pool_size=1, max_overflow=0)
    statements: list[str] = []
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    raw = engine.raw_connection()
    driver = raw.driver_connection
    raw.close()
    original = driver.cursor

    def counting_cursor(*args: object, **kwargs: object) -> object:
        statements.append("cursor")
        return original(*args, **kwargs)

    driver.cursor = counting_cursor  # type: ignore[method-assign]
    for _ in range(3):
        raw = engine.raw_connection()  # a checkout right after a checkin: no ping
        raw.close()
    assert statements == []
    engine.dispose()
