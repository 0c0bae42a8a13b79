"""Long-running operations and their progress, as /rest/api/2/task reports them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import JSONText, UTCDateTime


class Task(Base):
    __tablename__ = "task"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(1000))
    # ENQUEUED, RUNNING, COMPLETE, FAILED, CANCEL_REQUESTED, CANCELLED, DEAD
    status: Mapped[str] = mapped_column(String(32), default="ENQUEUED")
    message: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[Any] = mapped_column(JSONText, nullable=True)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)
    submitted: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_update: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
