"""escalation ladders: one row per rung told

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08

When an open task passes its due date the worker tells its agency's supervisors, and later
rungs while it stays open (engine/escalations.py, the ladders in engine/params.py). A row
per rung told: who (agency, role), when, and when the next rung is due.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "escalation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("rung", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("fired_at", sa.DateTime(), nullable=False),
        sa.Column("next_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["nrm_case.id"]),
        sa.ForeignKeyConstraint(["task_id"], ["human_task.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("task_id", "rung"),
    )
    op.create_index("ix_escalation_to", "escalation", ["agency", "role"])
    op.create_index("ix_escalation_next_at", "escalation", ["next_at"])


def downgrade() -> None:
    op.drop_index("ix_escalation_next_at", table_name="escalation")
    op.drop_index("ix_escalation_to", table_name="escalation")
    op.drop_table("escalation")
