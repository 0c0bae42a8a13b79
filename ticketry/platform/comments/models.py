"""Comments on issues, optionally visible only to a group or a project role."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import UTCDateTime


class Comment(Base):
    __tablename__ = "comment"
    __table_args__ = (Index("ix_comment_issue_created", "issue_id", "created"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)
    update_author_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True
    )
    body: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Restriction: visibility_type 'group' or 'role' with the group name or role name as value.
    visibility_type: Mapped[str | None] = mapped_column(String(16), nullable=True)
    visibility_value: Mapped[str | None] = mapped_column(String(255), nullable=True)
