"""Recording issue views and reading a user's issue history.

Jira keeps each user's issue history capped (jira.max.Issue.history.items, 50): issueHistory() and
lastViewed see only the 50 most recently viewed issues. Recording is one upsert; the cap is applied
when reading, and older rows are trimmed now and then so the table stays small.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from ticketry.db.base import utcnow
from ticketry.platform.issues.models import Issue
from ticketry.platform.viewhistory.models import UserIssueHistory

HISTORY_LIMIT = 50
# One view in this many also trims the user's rows beyond the limit (they are invisible anyway).
TRIM_EVERY = 20


def record_view(sessions: sessionmaker[Session], user_id: int, issue_id: int, when: datetime | None = None) -> None:
    """Upserts (user, issue, now) in its own short write transaction.

    A GET runs in a read transaction; on SQLite upgrading that to a write could fail without
    waiting, so the view is written through the write sessions (BEGIN IMMEDIATE queues writers).
    """
    moment = when or utcnow()
    with sessions() as db, db.begin():
        db.execute(_upsert(db, user_id, issue_id, moment))
        if random.randrange(TRIM_EVERY) == 0:  # noqa: S311 - not security sensitive
            trim(db, user_id)


def _upsert(db: Session, user_id: int, issue_id: int, moment: datetime) -> Any:
    insert = pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(UserIssueHistory).values(user_id=user_id, issue_id=issue_id, viewed=moment)
    return statement.on_conflict_do_update(index_elements=["user_id", "issue_id"],
                                           set_={"viewed": statement.excluded.viewed})


def trim(db: Session, user_id: int) -> None:
    """Removes the user's history rows beyond the most recent HISTORY_LIMIT."""
    kept = recent_issue_ids(user_id)
    db.execute(delete(UserIssueHistory).where(UserIssueHistory.user_id == user_id,
                                              UserIssueHistory.issue_id.not_in(kept)))


def recent_issue_ids(user_id: int | None) -> Select[Any]:
    """The user's most recently viewed issues (at most HISTORY_LIMIT), as a subquery of ids."""
    return (select(UserIssueHistory.issue_id).where(UserIssueHistory.user_id == user_id)
            .order_by(UserIssueHistory.viewed.desc(), UserIssueHistory.issue_id.desc()).limit(HISTORY_LIMIT))


def in_history(user_id: int | None) -> ColumnElement[bool]:
    """Whether the issue is in the user's issue history (issue in issueHistory())."""
    if user_id is None:
        return Issue.id.is_(None)  # never true: an anonymous caller has no stored history
    return Issue.id.in_(recent_issue_ids(user_id).scalar_subquery())


def last_viewed(user_id: int | None) -> Any:
    """When the user last viewed the issue (NULL when it is not in their history): JQL lastViewed."""
    return (select(UserIssueHistory.viewed)
            .where(UserIssueHistory.user_id == user_id, UserIssueHistory.issue_id == Issue.id,
                   UserIssueHistory.issue_id.in_(recent_issue_ids(user_id).scalar_subquery()))
            .scalar_subquery())


def history_issue_ids(db: Session, user_id: int | None) -> list[int]:
    """The user's issue history, most recent first."""
    if user_id is None:
        return []
    return list(db.scalars(recent_issue_ids(user_id)))
