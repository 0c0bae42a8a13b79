"""custom_field_value: each typed index holds only the rows with a value in its column

A value row fills one typed column (an option, a number, a user...), so each of the nine (field_id, column)
indexes held every row, eight of them under NULL keys nobody searches: every value written went into nine
indexes, and an import built nine full indexes (22 of the 44 s an L import spent on indexes). JQL's
custom field conditions say `column IS NOT NULL` beside the value they compare, so both databases take
these partial indexes.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TYPED = {"string": "string_value", "number": "number_value", "date": "date_value", "datetime": "datetime_value",
         "option": "option_id", "user": "user_id", "group": "group_name", "project": "project_id",
         "version": "version_id"}


def upgrade() -> None:
    for suffix, column in TYPED.items():
        name = f"ix_custom_field_value_field_{suffix}"
        op.drop_index(name, "custom_field_value")
        present = sa.text(f"{column} IS NOT NULL")
        op.create_index(name, "custom_field_value", ["field_id", column], postgresql_where=present,
                        sqlite_where=present)


def downgrade() -> None:
    for suffix, column in TYPED.items():
        name = f"ix_custom_field_value_field_{suffix}"
        op.drop_index(name, "custom_field_value")
        op.create_index(name, "custom_field_value", ["field_id", column])
