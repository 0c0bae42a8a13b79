"""issue indexes for ORDER BY key: expressions over the key, which autogenerate cannot compare

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The project key part of an issue key (issues.models.PROJECT_KEY_PART, the same text).
PROJECT_KEY_PART = 'substr("key", 1, length("key") - length(CAST(number AS TEXT)) - 1)'


def upgrade() -> None:
    op.create_index("ix_issue_resolution_priority_key", "issue",
                    ["resolution_id", "security_level_id", "priority_id", sa.text(PROJECT_KEY_PART), "number"])
    op.create_index("ix_issue_key_order", "issue", [sa.text(PROJECT_KEY_PART), "number", "security_level_id"])


def downgrade() -> None:
    op.drop_index("ix_issue_key_order", "issue")
    op.drop_index("ix_issue_resolution_priority_key", "issue")
