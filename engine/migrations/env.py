"""Alembic environment: the project's tables, the database from NRM_DATABASE_URL."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlmodel import SQLModel

import api.models  # noqa: F401  (registers the API's tables)
import engine.models  # noqa: F401  (registers the tables)
import forms.models  # noqa: F401  (registers the web pages' drafts table)
from engine.config import load_settings
from engine.db import make_engine

config = context.config


def run_migrations() -> None:
    """Run migrations on the connection given by the caller, or on the configured URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or load_settings().database_url
    with make_engine(url).connect() as conn:
        _run(conn)
        conn.commit()


def _run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(
        url=load_settings().database_url, target_metadata=SQLModel.metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations()
