"""API tokens hashed with HMAC-SHA256: tokens hashed with argon2 are deleted

Bearer tokens are 256-bit random secrets, now stored as their HMAC-SHA256 under the server's
secret key (api.security.token_hash). A token stored before (an argon2 hash) can no longer be
checked, so those rows are deleted: whoever held one (API clients, web sign-ins) signs in
again. Nothing else changes; the downgrade cannot bring the deleted tokens back.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM api_token WHERE secret_hash LIKE '$argon2%'")


def downgrade() -> None:
    """Deleted tokens stay deleted; older code refuses the HMAC-hashed ones left (their users
    sign in again)."""
