"""case facts for statistics

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25

The few non-identifying values of a case that statistics count (engine/facts.py), one row
per case and fact, kept by each step. Cases started before this revision have no facts:
statistics count them under `unknown`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_fact",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=255), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["nrm_case.id"]),
        sa.PrimaryKeyConstraint("case_id", "name"),
    )
    op.create_index("ix_case_fact_name", "case_fact", ["name", "value"])


def downgrade() -> None:
    op.drop_index("ix_case_fact_name", table_name="case_fact")
    op.drop_table("case_fact")
