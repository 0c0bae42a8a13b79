"""Workflows: their statuses and transitions (with rules and properties), and workflow schemes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import JSONText, UTCDateTime


class Workflow(Base):
    __tablename__ = "workflow"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")
    system: Mapped[bool] = mapped_column(Boolean, default=False)
    initial_status_id: Mapped[int | None] = mapped_column(ForeignKey("status.id"), nullable=True)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(255), nullable=True)


class WorkflowStatus(Base):
    __tablename__ = "workflow_status"

    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id", ondelete="CASCADE"), primary_key=True)
    status_id: Mapped[int] = mapped_column(ForeignKey("status.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class WorkflowDraft(Base):
    """The draft of a workflow, kept as its document until published over the workflow."""

    __tablename__ = "workflow_draft"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id", ondelete="CASCADE"), unique=True)
    document: Mapped[Any] = mapped_column(JSONText)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(255), nullable=True)


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


class WorkflowSchemeDraft(Base):
    """The draft of an active workflow scheme: the mappings it will have once published.

    Jira keeps drafts apart from assignable schemes (their own ids, at most one per parent); the
    draft's name and description are always its parent's.
    """

    __tablename__ = "workflow_scheme_draft"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_id: Mapped[int] = mapped_column(ForeignKey("workflow_scheme.id", ondelete="CASCADE"), unique=True)
    default_workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id"))
    last_modified: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_modified_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True
    )


class WorkflowSchemeDraftEntry(Base):
    __tablename__ = "workflow_scheme_draft_entry"

    draft_id: Mapped[int] = mapped_column(
        ForeignKey("workflow_scheme_draft.id", ondelete="CASCADE"), primary_key=True
    )
    issue_type_id: Mapped[int] = mapped_column(
        ForeignKey("issue_type.id", ondelete="CASCADE"), primary_key=True
    )
    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id"))


class WorkflowTransition(Base):
    """A transition of a workflow, numbered as Jira numbers actions within one workflow.

    A transition without sources is global (available from every status). Conditions,
    validators and post-functions are JSON rule lists ({"type": ..., ...}); properties are
    Jira's transition properties (string keys and values).
    """

    __tablename__ = "workflow_transition"
    __table_args__ = (UniqueConstraint("workflow_id", "transition_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id", ondelete="CASCADE"), index=True)
    transition_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(String(1000), default="")
    to_status_id: Mapped[int] = mapped_column(ForeignKey("status.id"))
    screen_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    conditions: Mapped[Any] = mapped_column(JSONText, default=list)
    validators: Mapped[Any] = mapped_column(JSONText, default=list)
    post_functions: Mapped[Any] = mapped_column(JSONText, default=list)
    properties: Mapped[Any] = mapped_column(JSONText, default=dict)


class WorkflowTransitionSource(Base):
    """A status a transition leaves from."""

    __tablename__ = "workflow_transition_source"

    transition_pk: Mapped[int] = mapped_column(
        ForeignKey("workflow_transition.id", ondelete="CASCADE"), primary_key=True
    )
    status_id: Mapped[int] = mapped_column(ForeignKey("status.id"), primary_key=True, index=True)
