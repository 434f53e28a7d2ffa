"""drop two indexes no query uses, which every step wrote

`ix_human_task_case` (case_id, status): every query by case reads `ix_human_task_case_agency`
(case_id, agency, form) as well. `ix_audit_event_at`: events are read by case, in id order.
Each index a step touches is one more page written to the log at every commit.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_human_task_case", table_name="human_task")
    op.drop_index("ix_audit_event_at", table_name="audit_event")


def downgrade() -> None:
    op.create_index("ix_audit_event_at", "audit_event", ["at"])
    op.create_index("ix_human_task_case", "human_task", ["case_id", "status"])
