"""A remote issue link: an issue's link to an object elsewhere (a web page, another application)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base


class RemoteIssueLink(Base):
    __tablename__ = "remote_issue_link"
    __table_args__ = (UniqueConstraint("issue_id", "global_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"), index=True)
    global_id: Mapped[str | None] = mapped_column(String(255), nullable=True)
    application_type: Mapped[str | None] = mapped_column(String(255), nullable=True)
    application_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    relationship: Mapped[str | None] = mapped_column(String(255), nullable=True)
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(String(255))
    summary: Mapped[str | None] = mapped_column(Text, nullable=True)
    icon_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    icon_title: Mapped[str | None] = mapped_column(Text, nullable=True)
    resolved: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    status_icon_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    status_icon_title: Mapped[str | None] = mapped_column(Text, nullable=True)
    status_icon_link: Mapped[str | None] = mapped_column(Text, nullable=True)
