"""The Alembic migrations build exactly the tables, columns and indexes the models declare."""

from __future__ import annotations

from datetime import datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Engine as Database
from sqlmodel import SQLModel

import api.models  # noqa: F401  (registers the API's tables)
import engine.models  # noqa: F401  (registers the tables)
import forms.models  # noqa: F401  (registers the web pages' drafts table)
from engine import trail
from engine.migrate import alembic_config, upgrade


def test_migrated_schema_equals_the_models(db: Database) -> None:
    with db.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert differences == []


def test_tasks_of_one_agency_in_one_case_are_read_from_that_case_only(db: Database) -> None:
    if db.dialect.name != "sqlite":
        pytest.skip("SQLite only: PostgreSQL plans from its statistics")
    with db.connect() as conn:
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT DISTINCT form FROM human_task "
            "WHERE case_id = 'c' AND agency = 'police'"
        ).fetchall()
    assert "ix_human_task_case_agency" in " ".join(str(row) for row in plan)


def test_migration_0010_chains_the_rows_that_exist(db: Database) -> None:
    """Rows written before the chains (at 0009) are linked case by case, in id order."""
    config = alembic_config()
    with db.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0009")
    try:
        with db.begin() as conn:
            for case_id, action in [("c1", "a"), (None, "b"), ("c2", "c"), ("c1", "d")]:
                conn.execute(
                    text(
                        "INSERT INTO audit_event (case_id, at, actor, action, detail) "
                        "VALUES (:c, :at, 'x', :a, :d)"
                    ),
                    {"c": case_id, "at": datetime(2026, 1, 5, 9), "a": action, "d": '{"n": 1}'},
                )
            conn.execute(
                text(
                    "INSERT INTO access_record (at, username, case_id, endpoint, fields) "
                    "VALUES (:at, 'u', 'c1', 'GET /cases/{id}', '[\"full_name\"]')"
                ),
                {"at": datetime(2026, 1, 5, 9, 30)},
            )
    finally:
        upgrade(db)
    with db.connect() as conn:
        report = trail.verify(conn)
        chains = {
            k: [r["action"] for r in rows] for k, rows in trail.chains_of(conn, "audit_event")
        }
    assert report.intact
    assert report.rows == {"audit_event": 4, "access_record": 1}
    assert chains == {"": ["b"], "c1": ["a", "d"], "c2": ["c"]}
    with pytest.raises(Exception, match="append-only"), db.begin() as conn:
        conn.execute(text("UPDATE audit_event SET actor = 'y'"))
    with pytest.raises(Exception, match="append-only"), db.begin() as conn:
        conn.execute(text("DELETE FROM access_record"))
