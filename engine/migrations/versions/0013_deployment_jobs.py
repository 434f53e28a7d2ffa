"""deployment jobs: a deployment runs behind its scenario gate off the request threads

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

`POST /processes` (and the library page, and `nrm deploy`) validate the files and queue a
`deployment_job` with its files (`deployment_job_file`); a runner (a thread of the server,
`nrm worker`, or `nrm deploy` itself) claims the oldest one under a lease, runs the scenario
gate and deploys, and writes the report (engine/deployjobs.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deployment_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("requested_by", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("whole_library", sa.Boolean(), nullable=False),
        sa.Column("skip_reason", sa.Text(), nullable=True),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.Column("deployment_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("runner", sa.String(length=100), nullable=True),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["deployment_id"], ["deployment.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("deployment_job", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deployment_job_state"), ["state"], unique=False)

    op.create_table(
        "deployment_job_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["deployment_job.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("job_id", "name"),
    )
    with op.batch_alter_table("deployment_job_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deployment_job_file_job_id"), ["job_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("deployment_job_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deployment_job_file_job_id"))
    op.drop_table("deployment_job_file")
    with op.batch_alter_table("deployment_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deployment_job_state"))
    op.drop_table("deployment_job")
