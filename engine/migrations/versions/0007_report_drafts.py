"""report drafts: a report posted after the sign-in ended, kept for its author

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_draft",
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username"),
    )
    op.create_index("ix_report_draft_saved_at", "report_draft", ["saved_at"])


def downgrade() -> None:
    op.drop_index("ix_report_draft_saved_at", table_name="report_draft")
    op.drop_table("report_draft")
