"""held_value: the intervals during which issues' single-valued fields held each value (JQL WAS)

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ticketry.db.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The intervals from the changelog as it stands (issues/held.py keeps them from now on; this copy of its
# REBUILD is frozen with the migration).
_INSERT = "INSERT INTO held_value (issue_id, field, value, started, ended, setter_id) "
_CHANGES = ("FROM change_item i JOIN change_group g ON g.id = i.group_id "
            "WHERE i.field IN ('status', 'priority', 'resolution', 'assignee', 'reporter')")
_COLUMNS = {"status": "status_id", "priority": "priority_id", "resolution": "resolution_id",
            "assignee": "assignee_id", "reporter": "reporter_id"}


def _current(field: str) -> str:
    column = f"issue.{_COLUMNS[field]}"
    value = (f'(SELECT app_user."key" FROM app_user WHERE app_user.id = {column})'
             if field in ("assignee", "reporter") else f"CAST({column} AS VARCHAR(255))")
    return (f"SELECT issue.id, '{field}', {value}, issue.created, CAST(NULL AS TIMESTAMP), issue.creator_id "
            f"FROM issue WHERE NOT EXISTS (SELECT 1 FROM held_value h WHERE h.issue_id = issue.id AND h.field = '{field}')")


BACKFILL = (
    _INSERT + "SELECT g.issue_id, i.field, i.new_value, g.created, LEAD(g.created) OVER "
    "(PARTITION BY g.issue_id, i.field ORDER BY g.created, g.id), g.author_id " + _CHANGES,
    _INSERT + "SELECT f.issue_id, f.field, f.old_value, issue.created, f.created, issue.creator_id FROM "
    "(SELECT g.issue_id, i.field, i.old_value, g.created, ROW_NUMBER() OVER "
    "(PARTITION BY g.issue_id, i.field ORDER BY g.created, g.id) AS n " + _CHANGES + ") f "
    "JOIN issue ON issue.id = f.issue_id WHERE f.n = 1",
    _INSERT + " UNION ALL ".join(_current(field) for field in _COLUMNS),
)


def upgrade() -> None:
    op.create_table(
        "held_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=255), nullable=True),
        sa.Column("started", ticketry.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended", ticketry.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("setter_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["issue_id"], ["issue.id"], name=op.f("fk_held_value_issue_id_issue"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["setter_id"], ["app_user.id"], name=op.f("fk_held_value_setter_id_app_user"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_value")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_held_value_issue", "held_value", ["issue_id", "field", "ended"])  # the last step reads it
    for statement in BACKFILL:
        op.execute(statement)
    op.create_index("ix_held_value_value", "held_value", ["field", "value", "issue_id"])


def downgrade() -> None:
    op.drop_table("held_value")
