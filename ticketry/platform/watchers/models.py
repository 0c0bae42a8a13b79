"""Who watches an issue and who voted for it: one row per (issue, user)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import UTCDateTime


class IssueWatcher(Base):
    __tablename__ = "issue_watcher"

    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True, index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IssueVote(Base):
    __tablename__ = "issue_vote"

    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True, index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
