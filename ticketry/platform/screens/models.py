"""Screens (tabs of fields), screen schemes (operation -> screen) and issue type screen schemes."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base


class Screen(Base):
    __tablename__ = "screen"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")


class ScreenTab(Base):
    __tablename__ = "screen_tab"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    screen_id: Mapped[int] = mapped_column(ForeignKey("screen.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    position: Mapped[int] = mapped_column(Integer, default=0)


class ScreenTabField(Base):
    """A field (system id like `summary` or `customfield_10000`) at a position on a tab."""

    __tablename__ = "screen_tab_field"
    __table_args__ = (UniqueConstraint("tab_id", "field_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tab_id: Mapped[int] = mapped_column(ForeignKey("screen_tab.id", ondelete="CASCADE"), index=True)
    field_id: Mapped[str] = mapped_column(String(64), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ScreenScheme(Base):
    __tablename__ = "screen_scheme"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")


class ScreenSchemeItem(Base):
    """Which screen a scheme uses for an operation: default, create, edit or view."""

    __tablename__ = "screen_scheme_item"

    scheme_id: Mapped[int] = mapped_column(ForeignKey("screen_scheme.id", ondelete="CASCADE"), primary_key=True)
    operation: Mapped[str] = mapped_column(String(16), primary_key=True)
    screen_id: Mapped[int] = mapped_column(ForeignKey("screen.id"), index=True)


class IssueTypeScreenScheme(Base):
    __tablename__ = "issue_type_screen_scheme"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")


class IssueTypeScreenSchemeItem(Base):
    """The screen scheme for an issue type; issue_type_id NULL is the scheme's default entry."""

    __tablename__ = "issue_type_screen_scheme_item"
    __table_args__ = (UniqueConstraint("scheme_id", "issue_type_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("issue_type_screen_scheme.id", ondelete="CASCADE"))
    issue_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("issue_type.id", ondelete="CASCADE"), nullable=True
    )
    screen_scheme_id: Mapped[int] = mapped_column(ForeignKey("screen_scheme.id"), index=True)


class ProjectIssueTypeScreenScheme(Base):
    """A project's issue type screen scheme; projects without a row use the default scheme 1."""

    __tablename__ = "project_issue_type_screen_scheme"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    scheme_id: Mapped[int] = mapped_column(ForeignKey("issue_type_screen_scheme.id"), index=True)
