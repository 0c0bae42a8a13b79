"""Which issues each user has viewed, and when last: Jira's issue history (Issues > Recent, issueHistory())."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import UTCDateTime


class UserIssueHistory(Base):
    __tablename__ = "user_issue_history"
    # A user's most recent views first: issueHistory() and lastViewed read this index.
    __table_args__ = (Index("ix_user_issue_history_user_viewed", "user_id", "viewed"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"), primary_key=True, index=True)
    viewed: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
