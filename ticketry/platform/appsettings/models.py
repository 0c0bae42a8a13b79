"""Application properties changed from their defaults (the defaults live in code)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base


class ApplicationProperty(Base):
    __tablename__ = "application_property"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
