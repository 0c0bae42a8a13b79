"""the boards' index carries the issue id on PostgreSQL: a board page is sorted from the index alone

A board's page (`project = X AND statusCategory = Y ORDER BY priority DESC, key ASC`) selects the ids of the
matches in that order. SQLite's indexes end with the rowid, the issue id, so it read the index alone; a
PostgreSQL index does not hold the id, so each match's heap row was read to get it (L, ACCA's 30 996 done
issues: 24 261 heap pages, 142 ms; with the id included, an index-only scan of 364 pages, 7-9 ms).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

COLUMNS = ["project_id", "status_id", "security_level_id", "priority_id", "number"]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_issue_project_status", "issue")
    op.create_index("ix_issue_project_status", "issue", COLUMNS, postgresql_include=["id"])


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_issue_project_status", "issue")
    op.create_index("ix_issue_project_status", "issue", COLUMNS)
