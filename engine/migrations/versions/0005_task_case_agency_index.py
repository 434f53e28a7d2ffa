"""an index on human_task (case_id, agency, form)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

"Which forms has this agency had in this case" and "does this agency take part in this
case" filter tasks by case and agency. With only (agency, ...) and (case_id, status)
to choose from, SQLite took the agency's inbox index and read every task the agency ever
had, in every case, on every step; this index answers both from one case's rows.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_human_task_case_agency", "human_task", ["case_id", "agency", "form"])


def downgrade() -> None:
    op.drop_index("ix_human_task_case_agency", table_name="human_task")
