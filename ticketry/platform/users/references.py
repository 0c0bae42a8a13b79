"""What still points at a user: rows that would block or lose meaning if the user were deleted.

Read from the metadata, so tables added by other features are covered without changes here:
every foreign key to app_user.id that neither cascades nor nulls itself on delete.
"""

from __future__ import annotations

from sqlalchemy import Column, Table, exists, select
from sqlalchemy.orm import Session

from ticketry.db.base import Base
from ticketry.platform.users.models import User

# Friendly names for the references Jira itself reports.
DESCRIPTIONS = {
    ("project", "lead_id"): "is the lead of one or more projects",
    ("issue", "reporter_id"): "has reported issues",
    ("issue", "assignee_id"): "has issues assigned",
    ("issue", "creator_id"): "has created issues",
}


def _blocking_columns() -> list[tuple[Table, Column]]:  # type: ignore[type-arg]
    found = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name != User.__tablename__ or fk.column.name != "id":
                continue
            if (fk.ondelete or "").upper() in ("CASCADE", "SET NULL"):
                continue
            found.append((table, fk.parent))
    return found


def reference_error(db: Session, user: User) -> str | None:
    """The reason the user cannot be deleted, or None."""
    reasons = []
    for table, column in _blocking_columns():
        if db.scalar(select(exists().where(column == user.id))):
            reasons.append(DESCRIPTIONS.get((table.name, column.name), f"is referenced by {table.name}"))
    if not reasons:
        return None
    return f"Cannot delete user '{user.name}' because the user " + "; ".join(reasons) + "."
