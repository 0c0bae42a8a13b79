"""Entity properties: free JSON documents attached to issues, projects, users, ..."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import JSONText, UTCDateTime


class EntityProperty(Base):
    __tablename__ = "entity_property"
    __table_args__ = (
        UniqueConstraint("entity_type", "entity_id", "key"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(255))
    key: Mapped[str] = mapped_column(String(255))
    value: Mapped[Any] = mapped_column(JSONText)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
