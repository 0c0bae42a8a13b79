"""Attachments: one row per attached file (the bytes live in the storage), and the files to purge."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import UTCDateTime


class Attachment(Base):
    __tablename__ = "attachment"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    storage_key: Mapped[str] = mapped_column(String(255))


class AttachmentTrash(Base):
    """Storage keys whose rows are gone (with their issue or project); their files are purged later."""

    __tablename__ = "attachment_trash"

    storage_key: Mapped[str] = mapped_column(String(255), primary_key=True)
