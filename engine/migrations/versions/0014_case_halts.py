"""cases halted after a runaway step

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

A step that runs past the step hosts' wall-clock limit is killed with its transaction; the
case gets a `case_halt` row (which element's code was running, why, when), so its timers
are not fired again, and again stopped, every round. `nrm cases resume` removes the row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_halt",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("process_id", sa.String(length=255), nullable=True),
        sa.Column("element_id", sa.String(length=255), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("halted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["nrm_case.id"]),
        sa.PrimaryKeyConstraint("case_id"),
    )


def downgrade() -> None:
    op.drop_table("case_halt")
