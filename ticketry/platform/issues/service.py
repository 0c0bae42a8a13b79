"""Issue rules. Lookup first: other features resolve issues through these functions."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ticketry.core.errors import NotFound
from ticketry.platform.issues.models import Issue

MAX_DB_INT = 2**31 - 1


def find_issue(db: Session, id_or_key: str | int | None) -> Issue | None:
    """An issue by numeric id or by key (case-insensitive)."""
    if id_or_key is None or id_or_key == "":
        return None
    text = str(id_or_key).strip()
    if text.isdigit():
        return db.get(Issue, int(text)) if int(text) <= MAX_DB_INT else None
    return db.scalars(_ISSUE_BY_KEY, {"key": text.upper()}).first()


_ISSUE_BY_KEY = select(Issue).where(Issue.key == bindparam("key"))  # built once: it runs on most requests


def get_issue(db: Session, id_or_key: str | int | None) -> Issue:
    issue = find_issue(db, id_or_key)
    if issue is None:
        raise NotFound("Issue Does Not Exist")
    return issue
