"""Users, groups and memberships."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import JSONText, UTCDateTime


class User(Base):
    __tablename__ = "app_user"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    # Jira user names are case-insensitive; this copy carries the unique index.
    lower_name: Mapped[str] = mapped_column(String(255), unique=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    account_id: Mapped[str] = mapped_column(String(128), unique=True)
    display_name: Mapped[str] = mapped_column(String(255), index=True)
    email: Mapped[str] = mapped_column(String(255), default="", index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    locale: Mapped[str] = mapped_column(String(32), default="en_US")
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    previous_login: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    login_count: Mapped[int] = mapped_column(Integer, default=0)
    # Consecutive failures since the last success; drives login throttling.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    total_failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_login: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    avatar_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Columns of the issue navigator chosen by this user (None: the system default).
    columns: Mapped[Any] = mapped_column(JSONText, nullable=True)
    # Preferences set through /mypreferences (key -> string value).
    preferences: Mapped[Any] = mapped_column(JSONText, nullable=True)


class Group(Base):
    __tablename__ = "app_group"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    lower_name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GroupMembership(Base):
    __tablename__ = "group_membership"

    group_id: Mapped[int] = mapped_column(ForeignKey("app_group.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ApplicationRole(Base):
    """Jira applications (jira-software, jira-servicedesk, jira-core) and the groups granting them."""

    __tablename__ = "application_role"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    platform: Mapped[bool] = mapped_column(Boolean, default=False)
    user_count_limit: Mapped[int] = mapped_column(Integer, default=-1)
    defined: Mapped[bool] = mapped_column(Boolean, default=True)
    selected_by_default: Mapped[bool] = mapped_column(Boolean, default=False)


class ApplicationRoleGroup(Base):
    __tablename__ = "application_role_group"

    role_key: Mapped[str] = mapped_column(
        ForeignKey("application_role.key", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("app_group.id", ondelete="CASCADE"), primary_key=True)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
