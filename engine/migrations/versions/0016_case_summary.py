"""each case keeps its summary (pseudonym, age, child, danger, region) in its row

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

Written at every step (engine/casesummary.py), so the inbox and the case list read it
instead of restoring each case's workflow, and a pseudonym search is a query. Cases stored
before have none until their next step; the pages read those the old way meanwhile.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("nrm_case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("summary", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("nrm_case", schema=None) as batch_op:
        batch_op.drop_column("summary")
