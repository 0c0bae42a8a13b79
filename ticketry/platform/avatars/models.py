"""Avatars of projects, issue types and users; system avatars have no owner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import UTCDateTime


class Avatar(Base):
    __tablename__ = "avatar"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    avatar_type: Mapped[str] = mapped_column(String(32), index=True)  # project, issuetype, user
    owner_id: Mapped[str | None] = mapped_column(String(255), nullable=True)
    system: Mapped[bool] = mapped_column(Boolean, default=False)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    content_type: Mapped[str] = mapped_column(String(128), default="image/png")
    data: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
