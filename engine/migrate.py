"""Bring a database to the newest schema with Alembic (used by `nrm migrate` and tests), and
refuse to work on one that is not there yet."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine as Database

from engine.db import make_engine
from engine.errors import SchemaNotReadyError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config pointing at engine/migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(db: Database) -> None:
    """Migrate the database to head."""
    config = alembic_config()
    with db.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def check_schema(db: Database) -> None:
    """SchemaNotReadyError unless the database is at this release's newest migration."""
    with db.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    if current == heads:
        return
    where = db.url.render_as_string(hide_password=True)
    if not current:
        raise SchemaNotReadyError(
            f"the database {where} has no NRM tables yet: run `nrm migrate` first."
        )
    raise SchemaNotReadyError(
        f"the database {where} is at schema {', '.join(sorted(current))}, this release needs "
        f"{', '.join(sorted(heads))}: run `nrm migrate` (with this release's code) first."
    )


def open_migrated(url: str) -> Database:
    """A database engine on `url`, once its schema is this release's (else SchemaNotReadyError)."""
    db = make_engine(url)
    try:
        check_schema(db)
    except SchemaNotReadyError:
        db.dispose()
        raise
    return db
