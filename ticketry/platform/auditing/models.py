"""Audit records: what an administrator (or a permission-relevant action) changed, and who did it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import JSONText, UTCDateTime


class AuditRecord(Base):
    __tablename__ = "audit_record"
    __table_args__ = (Index("ix_audit_record_created", "created"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    summary: Mapped[str] = mapped_column(String(255))
    category: Mapped[str] = mapped_column(String(255))
    event_source: Mapped[str] = mapped_column(String(255), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)
    # Kept apart from author_id so a record still names its author after the user is deleted.
    author_key: Mapped[str | None] = mapped_column(String(255), nullable=True)
    remote_address: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # {"id", "name", "typeName", "parentId", "parentName"}
    object_item: Mapped[Any] = mapped_column(JSONText, nullable=True)
    # [{"fieldName", "changedFrom", "changedTo"}]
    changed_values: Mapped[Any] = mapped_column(JSONText, nullable=True)
    # [{"id", "name", "typeName", "parentId", "parentName"}]
    associated_items: Mapped[Any] = mapped_column(JSONText, nullable=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Lower-cased words of every searchable part (summary, category, author, objects, changed values,
    # remote address), so the `filter` parameter is a LIKE per word in SQL, as Jira's search field is.
    search_text: Mapped[str] = mapped_column(Text, default="")
