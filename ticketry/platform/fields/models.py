"""Custom fields, their options and their values (typed rows, indexed per field for search)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from ticketry.db.base import Base
from ticketry.db.types import JSONText, UTCDateTime


class CustomField(Base):
    """A custom field; its Jira id is customfield_<id> (ids from 10000)."""

    __tablename__ = "custom_field"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), index=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    type_key: Mapped[str] = mapped_column(String(255))
    searcher_key: Mapped[str | None] = mapped_column(String(255), nullable=True)


class CustomFieldOption(Base):
    """An option of a select, radio, checkbox or cascading field (children point at their parent)."""

    __tablename__ = "custom_field_option"
    __table_args__ = (
        Index("ix_custom_field_option_field_parent_position", "field_id", "parent_id", "position"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("custom_field.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("custom_field_option.id", ondelete="CASCADE"), nullable=True, index=True
    )
    value: Mapped[str] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Free-form properties and scope config of the issue field option API (/field/{key}/option).
    properties: Mapped[Any] = mapped_column(JSONText, nullable=True)
    config: Mapped[Any] = mapped_column(JSONText, nullable=True)


class CustomFieldOptionProject(Base):
    """The projects an option is limited to (its config scope); an option without rows is global."""

    __tablename__ = "custom_field_option_project"

    option_id: Mapped[int] = mapped_column(
        ForeignKey("custom_field_option.id", ondelete="CASCADE"), primary_key=True
    )
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    selectable: Mapped[bool] = mapped_column(Boolean, default=True)


TYPED_COLUMNS = {"string": "string_value", "number": "number_value", "date": "date_value",
                 "datetime": "datetime_value", "option": "option_id", "user": "user_id", "group": "group_name",
                 "project": "project_id", "version": "version_id"}


def _typed_index(suffix: str, column: str) -> Index:
    present = text(f"{column} IS NOT NULL")
    return Index(f"ix_custom_field_value_field_{suffix}", "field_id", column, postgresql_where=present,
                 sqlite_where=present)


class CustomFieldValue(Base):
    """One element of an issue's value of a custom field, in the column of the field's type."""

    __tablename__ = "custom_field_value"
    __table_args__ = (
        Index("ix_custom_field_value_issue_field", "issue_id", "field_id", "position"),
        # Partial: a row fills one typed column, and JQL asks `column IS NOT NULL` (migration 0011).
        *[_typed_index(suffix, column) for suffix, column in TYPED_COLUMNS.items()],
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"))
    field_id: Mapped[int] = mapped_column(ForeignKey("custom_field.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    string_value: Mapped[str | None] = mapped_column(String(255), nullable=True)
    text_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    number_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    date_value: Mapped[date | None] = mapped_column(Date, nullable=True)
    datetime_value: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    option_id: Mapped[int | None] = mapped_column(
        ForeignKey("custom_field_option.id", ondelete="CASCADE"), nullable=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), nullable=True)
    group_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), nullable=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("version.id", ondelete="CASCADE"), nullable=True)
