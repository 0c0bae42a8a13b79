"""app_user: an index of lower(email), as user lookups compare it (JQL's user values, user search)

A JQL user value (`assignee = leo.rossi1`) is matched against the name, key, account id and email of every
user, the email ignoring case: with no index of `lower(email)`, every search naming a user read the whole
user table (L, 21 000 users: 10-21 ms of PostgreSQL's CPU per search, more than the rest of the query).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_app_user_lower_email", "app_user", [sa.text("lower(email)")])


def downgrade() -> None:
    op.drop_index("ix_app_user_lower_email", "app_user")
