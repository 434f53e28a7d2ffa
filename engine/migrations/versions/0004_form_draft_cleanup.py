"""drafts go when their task closes: a trigger on human_task

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

A draft may hold personal data and is only useful while its task is open. A task closes in
several places (a completion through the API or the pages, a timer fired by a worker, a
case cancelled or migrated), so the database deletes a task's drafts in the same
transaction as the update that closes it, whichever code runs that update.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_SQLITE = (
    "CREATE TRIGGER human_task_closed_drops_drafts AFTER UPDATE OF status ON human_task "
    "FOR EACH ROW WHEN NEW.status <> 'ready' "
    "BEGIN DELETE FROM form_draft WHERE task_id = NEW.id; END"
)
_PG_FUNCTION = (
    "CREATE FUNCTION form_draft_drop_closed() RETURNS trigger AS $$ BEGIN "
    "DELETE FROM form_draft WHERE task_id = NEW.id; RETURN NULL; END $$ LANGUAGE plpgsql"
)
_PG_TRIGGER = (
    "CREATE TRIGGER human_task_closed_drops_drafts AFTER UPDATE OF status ON human_task "
    "FOR EACH ROW WHEN (NEW.status <> 'ready') EXECUTE FUNCTION form_draft_drop_closed()"
)


def upgrade() -> None:
    op.execute(
        "DELETE FROM form_draft WHERE task_id IN "
        "(SELECT id FROM human_task WHERE status <> 'ready')"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(_PG_TRIGGER)
    else:
        op.execute(_SQLITE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS human_task_closed_drops_drafts ON human_task")
        op.execute("DROP FUNCTION IF EXISTS form_draft_drop_closed()")
    else:
        op.execute("DROP TRIGGER IF EXISTS human_task_closed_drops_drafts")
