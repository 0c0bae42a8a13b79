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
    op.create_index("ix_issue_created", "issue", ["created", "security_level_id"])
    op.drop_index("ix_issue_updated", "issue")
    op.create_index("ix_issue_updated", "issue", ["updated", "security_level_id"])


def downgrade() -> None:
    op.drop_index("ix_issue_updated", "issue")
    op.create_index("ix_issue_updated", "issue", ["updated"])
    op.drop_index("ix_issue_created", "issue")
    op.create_index("ix_issue_created", "issue", ["created"])
