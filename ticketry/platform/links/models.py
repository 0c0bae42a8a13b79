"""An issue link: the source issue relates to the destination issue by a link type's outward description."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base


class IssueLink(Base):
    __tablename__ = "issue_link"
    __table_args__ = (
        UniqueConstraint("link_type_id", "source_id", "destination_id"),
        Index("ix_issue_link_destination", "destination_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    link_type_id: Mapped[int] = mapped_column(ForeignKey("issue_link_type.id", ondelete="CASCADE"))
    # The source is shown as `inwardIssue` of the link; it "outward-describes" the destination.
    source_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"), index=True)
    destination_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"))
