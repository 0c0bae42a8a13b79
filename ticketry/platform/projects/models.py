"""Projects, their categories, and project roles with their actors."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base, utcnow
from ticketry.db.types import UTCDateTime


class ProjectCategory(Base):
    __tablename__ = "project_category"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")


class Project(Base):
    __tablename__ = "project"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(255), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    lead_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    assignee_type: Mapped[str] = mapped_column(String(32), default="UNASSIGNED")
    project_type_key: Mapped[str] = mapped_column(String(32), default="software")
    template_key: Mapped[str | None] = mapped_column(String(255), nullable=True)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_category.id", ondelete="SET NULL"), nullable=True
    )
    avatar_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    permission_scheme_id: Mapped[int] = mapped_column(ForeignKey("permission_scheme.id"))
    notification_scheme_id: Mapped[int | None] = mapped_column(
        ForeignKey("notification_scheme.id"), nullable=True
    )
    issue_security_scheme_id: Mapped[int | None] = mapped_column(
        ForeignKey("issue_security_scheme.id"), nullable=True
    )
    workflow_scheme_id: Mapped[int] = mapped_column(ForeignKey("workflow_scheme.id"))
    issue_type_scheme_id: Mapped[int] = mapped_column(ForeignKey("issue_type_scheme.id"))
    # Next issue number; incremented under the row lock when an issue is created.
    issue_counter: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProjectRole(Base):
    __tablename__ = "project_role"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")


class ProjectRoleActor(Base):
    """A user or group in a role: of one project, or a default actor when project_id is NULL."""

    __tablename__ = "project_role_actor"
    __table_args__ = (
        UniqueConstraint("role_id", "project_id", "user_id", "group_id"),
        CheckConstraint("(user_id IS NULL) <> (group_id IS NULL)", name="one_actor"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("project_role.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), nullable=True, index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="CASCADE"), nullable=True, index=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_group.id", ondelete="CASCADE"), nullable=True, index=True
    )


class ProjectKey(Base):
    """Every key a project has had: Jira keeps old keys resolvable after a project's key changes."""

    __tablename__ = "project_key"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(10), unique=True)
