"""Worklogs: time logged on issues, and the record of deleted worklogs (for /worklog/deleted)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import UTCDateTime


class Worklog(Base):
    __tablename__ = "worklog"
    __table_args__ = (Index("ix_worklog_issue_started", "issue_id", "started"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)
    update_author_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True
    )
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    started: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    time_spent: Mapped[int] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Restriction: visibility_type 'group' or 'role' with the group name or role name as value.
    visibility_type: Mapped[str | None] = mapped_column(String(16), nullable=True)
    visibility_value: Mapped[str | None] = mapped_column(String(255), nullable=True)


class DeletedWorklog(Base):
    """A worklog that was deleted, kept so that synchronising clients learn of the deletion."""

    __tablename__ = "deleted_worklog"

    worklog_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    issue_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    deleted: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
