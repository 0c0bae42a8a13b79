"""Project versions (releases) and their remote links."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base
from ticketry.db.types import JSONText


class Version(Base):
    __tablename__ = "version"
    __table_args__ = (UniqueConstraint("project_id", "name"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    released: Mapped[bool] = mapped_column(Boolean, default=False)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    release_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Administrators order versions; JQL compares versions in this order.
    sequence: Mapped[int] = mapped_column(Integer, default=0)


class VersionRemoteLink(Base):
    __tablename__ = "version_remote_link"
    __table_args__ = (UniqueConstraint("version_id", "global_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id", ondelete="CASCADE"), index=True)
    global_id: Mapped[str] = mapped_column(String(255))
    body: Mapped[Any] = mapped_column(JSONText)
