"""chain the audit trail and the access records: each row the hash of the one before it

Every row of `audit_event` and `access_record` gets `prev_hash` (the hash of the row before
it in its case's chain) and `hash` (SHA-256 of that and the row's content, engine.trail).
Existing rows are chained here in id order, case by case; the append-only triggers step
aside for that and come back. The case index becomes (case_id, id): it finds a chain's
head without a sort.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from engine import trail

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("audit_event", "access_record")


def upgrade() -> None:
    for table in TABLES:
        _append_only(table, on=False)
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
            batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
        _chain_existing_rows(table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
            batch_op.drop_index(f"ix_{table}_case_id")
            batch_op.create_index(f"ix_{table}_case_id", ["case_id", "id"], unique=False)
        _append_only(table, on=True)


def downgrade() -> None:
    for table in TABLES:
        _append_only(table, on=False)
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(f"ix_{table}_case_id")
            batch_op.create_index(f"ix_{table}_case_id", ["case_id"], unique=False)
            batch_op.drop_column("hash")
            batch_op.drop_column("prev_hash")
        _append_only(table, on=True)


def _chain_existing_rows(table: str) -> None:
    """Each chain's rows linked in id order (what engine.trail.verify checks)."""
    conn = op.get_bind()
    update = sa.text(f"UPDATE {table} SET prev_hash = :prev, hash = :hash WHERE id = :id")
    links: list[dict[str, object]] = []
    for _key, rows in trail.chains_of(conn, table):
        prev: str | None = None
        for row in rows:
            row_hash = trail.link(prev, trail.digest(table, row))
            links.append({"id": row["id"], "prev": prev, "hash": row_hash})
            prev = row_hash
    if links:
        conn.execute(update, links)


def _append_only(table: str, *, on: bool) -> None:
    """The triggers of migrations 0001/0002 that refuse UPDATE and DELETE, off or on again."""
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(
            f"ALTER TABLE {table} {'ENABLE' if on else 'DISABLE'} TRIGGER {table}_append_only"
        )
        return
    for verb in ("UPDATE", "DELETE"):
        name = f"{table}_no_{verb.lower()}"
        if on:
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
