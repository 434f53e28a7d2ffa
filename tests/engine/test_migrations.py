"""The Alembic migrations build exactly the tables, columns and indexes the models declare."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Engine as Database
from sqlmodel import SQLModel

import api.models  # noqa: F401  (registers the API's tables)
import engine.models  # noqa: F401  (registers the tables)
import forms.models  # noqa: F401  (registers the web pages' drafts table)


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
