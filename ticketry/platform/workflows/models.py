"""Workflows (their statuses for now; transitions arrive with the issues feature) and schemes."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base


class Workflow(Base):
    __tablename__ = "workflow"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")
    system: Mapped[bool] = mapped_column(Boolean, default=False)
    initial_status_id: Mapped[int | None] = mapped_column(ForeignKey("status.id"), nullable=True)


class WorkflowStatus(Base):
    __tablename__ = "workflow_status"

    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id", ondelete="CASCADE"), primary_key=True)
    status_id: Mapped[int] = mapped_column(ForeignKey("status.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class WorkflowScheme(Base):
    __tablename__ = "workflow_scheme"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(String(1000), default="")
    default_workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id"))


class WorkflowSchemeEntry(Base):
    __tablename__ = "workflow_scheme_entry"

    scheme_id: Mapped[int] = mapped_column(
        ForeignKey("workflow_scheme.id", ondelete="CASCADE"), primary_key=True
    )
    issue_type_id: Mapped[int] = mapped_column(
        ForeignKey("issue_type.id", ondelete="CASCADE"), primary_key=True
    )
    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id"))
