"""official figures beside the system's own

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

Published counts (source, indicator, region, year, value) loaded by
`nrm statistics import-official`: the statistics page shows them as a series beside the
figures the system counts itself (engine/official.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "official_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "indicator", "region", "year"),
    )


def downgrade() -> None:
    op.drop_table("official_figure")
