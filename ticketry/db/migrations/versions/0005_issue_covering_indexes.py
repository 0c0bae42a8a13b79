"""issue date indexes with the security level, so that counts of date ranges read the index alone

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_issue_created", "issue")
    op.create_index("ix_issue_created", "issue", ["created", "id", "security_level_id"])
    op.drop_index("ix_issue_updated", "issue")
    op.create_index("ix_issue_updated", "issue", ["updated", "id", "security_level_id"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first() is not None:
        # A database with planner statistics (the importer's) gets them for the new indexes too: without,
        # SQLite would choose by the other indexes' numbers alone.
        op.execute("ANALYZE issue")


def downgrade() -> None:
    op.drop_index("ix_issue_updated", "issue")
    op.create_index("ix_issue_updated", "issue", ["updated"])
    op.drop_index("ix_issue_created", "issue")
    op.create_index("ix_issue_created", "issue", ["created"])
