"""Saved filters: the JQL a user keeps, who it is shared with, and who marked it a favourite."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import JSONText, UTCDateTime


class Filter(Base):
    __tablename__ = "search_filter"
    __table_args__ = (
        # Jira refuses a second filter of the same name (any case) by the same owner.
        UniqueConstraint("owner_id", "lower_name"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    lower_name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    jql: Mapped[str] = mapped_column(Text, default="")
    # Issue navigator columns of this filter (None: the filter has no column configuration).
    columns: Mapped[Any] = mapped_column(JSONText, nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FilterSharePermission(Base):
    """One share: global, authenticated, a group, a project, or a role in a project (role_id set)."""

    __tablename__ = "filter_share_permission"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filter_id: Mapped[int] = mapped_column(ForeignKey("search_filter.id", ondelete="CASCADE"), index=True)
    share_type: Mapped[str] = mapped_column(String(32))
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_group.id", ondelete="CASCADE"), nullable=True, index=True
    )
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), nullable=True, index=True
    )
    role_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_role.id", ondelete="CASCADE"), nullable=True, index=True
    )


class FilterFavourite(Base):
    __tablename__ = "filter_favourite"

    filter_id: Mapped[int] = mapped_column(ForeignKey("search_filter.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
