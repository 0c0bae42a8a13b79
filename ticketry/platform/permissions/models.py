"""Permission schemes and their grants, global permission grants, issue security schemes, levels and
level members, notification schemes."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base


class PermissionScheme(Base):
    __tablename__ = "permission_scheme"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")


class NotificationScheme(Base):
    __tablename__ = "notification_scheme"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")


class IssueSecurityScheme(Base):
    __tablename__ = "issue_security_scheme"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")
    default_level_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class IssueSecurityLevel(Base):
    __tablename__ = "issue_security_level"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("issue_security_scheme.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(String(1000), default="")


class PermissionGrant(Base):
    """A project permission granted by a scheme to a holder (type + parameter, as Jira's REST API names them)."""

    __tablename__ = "permission_grant"
    __table_args__ = (
        Index("ix_permission_grant_permission", "permission", "scheme_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("permission_scheme.id", ondelete="CASCADE"), index=True)
    permission: Mapped[str] = mapped_column(String(64))
    holder_type: Mapped[str] = mapped_column(String(64))
    # Group name, user key, project role id, custom field id or application key; NULL when the type has none.
    parameter: Mapped[str | None] = mapped_column(String(255), nullable=True)


class GlobalPermissionGrant(Base):
    """A global permission granted to a group, or to anyone when group_name is NULL."""

    __tablename__ = "global_permission_grant"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    permission: Mapped[str] = mapped_column(String(64), index=True)
    group_name: Mapped[str | None] = mapped_column(String(255), nullable=True)


class IssueSecurityLevelMember(Base):
    """Who may see issues at a security level: holders as for permission grants."""

    __tablename__ = "issue_security_level_member"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    level_id: Mapped[int] = mapped_column(ForeignKey("issue_security_level.id", ondelete="CASCADE"), index=True)
    holder_type: Mapped[str] = mapped_column(String(64))
    parameter: Mapped[str | None] = mapped_column(String(255), nullable=True)


class NotificationSchemeEntry(Base):
    """Who a notification scheme mails on an event: a recipient type (Jira's names) and its parameter."""

    __tablename__ = "notification_scheme_entry"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("notification_scheme.id", ondelete="CASCADE"), index=True)
    event_type_id: Mapped[int] = mapped_column(Integer)
    notification_type: Mapped[str] = mapped_column(String(64))
    parameter: Mapped[str | None] = mapped_column(String(255), nullable=True)
