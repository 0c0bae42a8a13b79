"""Issues: the columns every feature relies on; the issues feature extends this table."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import UTCDateTime

# The project key part of an issue key, in SQL both databases take (PostgreSQL has no instr, SQLite no
# split_part).
PROJECT_KEY_PART = 'substr("key", 1, length("key") - length(CAST(number AS TEXT)) - 1)'


class Issue(Base):
    __tablename__ = "issue"
    # Indexes for JQL (docs/query-plans.md). security_level_id ends most of them because every
    # search carries the permission filter's "security_level_id IS NULL": with it in the index the
    # exact total is counted from the index alone. No index leads with it: SQLite without
    # statistics (a database the importer did not ANALYZE) would take it for a narrow one.
    # ORDER BY key sorts by the project key part of `key` (jql/key_fields.project_key_part, the identical
    # expression, or the planners would not match it), then number; priority by priority_id.
    __table_args__ = (
        UniqueConstraint("project_id", "number"),
        # Boards: "project = X AND statusCategory = Y ORDER BY priority DESC, key ASC" sorts from the index (with
        # the id, which SQLite's indexes end with anyway: the page's ids come from the index alone).
        Index("ix_issue_project_status", "project_id", "status_id", "security_level_id", "priority_id", "number",
              postgresql_include=["id"]),
        Index("ix_issue_type_status", "issue_type_id", "status_id", "security_level_id"),
        # "resolution = Unresolved ORDER BY priority DESC, created ASC": Jira's default dashboard.
        Index("ix_issue_resolution_priority", "resolution_id", "security_level_id", "priority_id", "created"),
        Index("ix_issue_resolution_priority_key", "resolution_id", "security_level_id", "priority_id",
              text(PROJECT_KEY_PART), "number"),
        Index("ix_issue_key_order", text(PROJECT_KEY_PART), "number", "security_level_id"),
        Index("ix_issue_reporter_id", "reporter_id"),
        # Dates with the security level: a count of "created >= X" reads the index alone (L: 58 -> 7 ms). The id
        # before it keeps the index in the pages' order (date, then id): after the security level it would not.
        Index("ix_issue_updated", "updated", "id", "security_level_id"),
        Index("ix_issue_created", "created", "id", "security_level_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    issue_type_id: Mapped[int] = mapped_column(ForeignKey("issue_type.id"))
    status_id: Mapped[int] = mapped_column(ForeignKey("status.id"), index=True)
    priority_id: Mapped[int | None] = mapped_column(ForeignKey("priority.id"), nullable=True)
    resolution_id: Mapped[int | None] = mapped_column(ForeignKey("resolution.id"), nullable=True)
    summary: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True, index=True)
    creator_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("issue.id", ondelete="CASCADE"), nullable=True, index=True
    )
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolution_date: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    environment: Mapped[str | None] = mapped_column(Text, nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    security_level_id: Mapped[int | None] = mapped_column(
        ForeignKey("issue_security_level.id", ondelete="SET NULL"), nullable=True
    )
    # Time tracking in seconds; worklogs (a later feature) keep time_spent in step.
    original_estimate: Mapped[int | None] = mapped_column(Integer, nullable=True)
    remaining_estimate: Mapped[int | None] = mapped_column(Integer, nullable=True)
    time_spent: Mapped[int | None] = mapped_column(Integer, nullable=True)


class IssueComponent(Base):
    __tablename__ = "issue_component"

    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"), primary_key=True)
    component_id: Mapped[int] = mapped_column(
        ForeignKey("component.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class IssueVersion(Base):
    """An issue's affected versions (kind 'affects') and fix versions (kind 'fix')."""

    __tablename__ = "issue_version"

    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"), primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("version.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)



class IssueLabel(Base):
    __tablename__ = "issue_label"
    # The issue id after the label: a label's issues (a JQL id set) are read, and counted, from the index alone.
    __table_args__ = (Index("ix_issue_label_label", "label", "issue_id"),)

    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"), primary_key=True)
    label: Mapped[str] = mapped_column(String(255), primary_key=True)


class ChangeGroup(Base):
    """One change to an issue (an edit, a transition, ...) by one author at one instant."""

    __tablename__ = "change_group"
    __table_args__ = (Index("ix_change_group_issue_created", "issue_id", "created"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HeldValue(Base):
    """A value one of an issue's single-valued fields held: from the creation or change that set it until
    the field's next change (ended NULL: it holds it still), and who set it. Kept by issue creation and the
    changelog (issues/held.py) so JQL WAS reads one index range instead of pairing up changes."""

    __tablename__ = "held_value"
    __table_args__ = (
        Index("ix_held_value_value", "field", "value", "issue_id"),
        Index("ix_held_value_issue", "issue_id", "field", "ended"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(32))  # the changelog's name of the field
    value: Mapped[str | None] = mapped_column(String(255), nullable=True)  # as the changelog writes it
    started: Mapped[datetime] = mapped_column(UTCDateTime)
    ended: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    setter_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)


class ChangeItem(Base):
    """One field's change within a change group; JQL WAS/CHANGED read these."""

    __tablename__ = "change_item"
    __table_args__ = (Index("ix_change_item_field", "field", "group_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("change_group.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(255))
    field_type: Mapped[str] = mapped_column(String(16), default="jira")  # jira | custom
    field_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    old_string: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_string: Mapped[str | None] = mapped_column(Text, nullable=True)
