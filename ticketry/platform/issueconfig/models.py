"""Issue constants: status categories, statuses, priorities, resolutions, issue types, link types."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base


class StatusCategory(Base):
    __tablename__ = "status_category"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    color_name: Mapped[str] = mapped_column(String(64))


class Status(Base):
    __tablename__ = "status"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")
    icon_path: Mapped[str] = mapped_column(String(255), default="/images/icons/statuses/generic.png")
    category_id: Mapped[int] = mapped_column(ForeignKey("status_category.id"))


class Priority(Base):
    __tablename__ = "priority"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")
    icon_path: Mapped[str] = mapped_column(String(255), default="")
    status_color: Mapped[str] = mapped_column(String(16), default="#cccccc")
    # Administrators order priorities; JQL compares them in this order (1 is highest).
    sequence: Mapped[int] = mapped_column(Integer)


class Resolution(Base):
    __tablename__ = "resolution"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")
    sequence: Mapped[int] = mapped_column(Integer)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class IssueType(Base):
    __tablename__ = "issue_type"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")
    subtask: Mapped[bool] = mapped_column(Boolean, default=False)
    avatar_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    icon_path: Mapped[str] = mapped_column(String(255), default="")


class IssueTypeScheme(Base):
    """The issue types a project offers (Jira's issue type scheme / field config scheme)."""

    __tablename__ = "issue_type_scheme"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(String(1000), default="")
    default_issue_type_id: Mapped[int | None] = mapped_column(ForeignKey("issue_type.id"), nullable=True)


class IssueTypeSchemeEntry(Base):
    __tablename__ = "issue_type_scheme_entry"

    scheme_id: Mapped[int] = mapped_column(
        ForeignKey("issue_type_scheme.id", ondelete="CASCADE"), primary_key=True
    )
    issue_type_id: Mapped[int] = mapped_column(
        ForeignKey("issue_type.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class IssueLinkType(Base):
    __tablename__ = "issue_link_type"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    inward: Mapped[str] = mapped_column(String(255))
    outward: Mapped[str] = mapped_column(String(255))
