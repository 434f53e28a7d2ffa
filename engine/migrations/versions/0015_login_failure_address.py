"""sign-in failures keyed on the username and the client's address

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

A lockout now holds the address that failed, not the account: `login_failure` gets the
hash of the client's address (api.security). Failures stored before have none (an empty
key) and still count against the username from unknown addresses until they leave the window.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("address_key", sa.String(length=64), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.drop_column("address_key")
