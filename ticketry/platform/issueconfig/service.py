"""Reading the issue constants: lookups by id, name or key, and Jira's not-found messages."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ticketry.core.errors import NotFound
from ticketry.core.ids import db_id
from ticketry.platform.appsettings.service import get_bool
from ticketry.platform.issueconfig.models import (
    IssueLinkType,
    IssueType,
    Priority,
    Resolution,
    Status,
    StatusCategory,
)

ISSUE_LINKING_KEY = "jira.option.issuelinking"
_T = TypeVar("_T", Priority, Resolution, IssueType, IssueLinkType)




def list_status_categories(db: Session) -> list[StatusCategory]:
    return list(db.scalars(select(StatusCategory).order_by(StatusCategory.id)))


def get_status_category(db: Session, id_or_key: str) -> StatusCategory:
    category_id = db_id(id_or_key)
    category = db.get(StatusCategory, category_id) if category_id is not None else None
    if category is None:
        category = db.scalar(select(StatusCategory).where(func.lower(StatusCategory.key) == id_or_key.lower()))
    if category is None:
        raise NotFound(f"The status category with id or key '{id_or_key}' does not exist")
    return category


def list_statuses(db: Session) -> list[tuple[Status, StatusCategory]]:
    rows = db.execute(
        select(Status, StatusCategory).join(StatusCategory, Status.category_id == StatusCategory.id).order_by(Status.id)
    )
    return [(status, category) for status, category in rows]


def get_status(db: Session, id_or_name: str) -> tuple[Status, StatusCategory]:
    """By id first, then by name ignoring case (a status may be named like a number)."""
    query = select(Status, StatusCategory).join(StatusCategory, Status.category_id == StatusCategory.id)
    status_id = db_id(id_or_name)
    row = db.execute(query.where(Status.id == status_id)).first() if status_id is not None else None
    if row is None:
        row = db.execute(query.where(func.lower(Status.name) == id_or_name.strip().lower())).first()
    if row is None:
        raise NotFound(f"The status with id '{id_or_name}' does not exist")
    return row[0], row[1]


def list_priorities(db: Session) -> list[Priority]:
    return list(db.scalars(select(Priority).order_by(Priority.sequence, Priority.id)))


def get_priority(db: Session, priority_id: str) -> Priority:
    found = _by_id(db, Priority, priority_id)
    if found is None:
        raise NotFound(f"The priority with id '{priority_id}' does not exist")
    return found


def list_resolutions(db: Session) -> list[Resolution]:
    return list(db.scalars(select(Resolution).order_by(Resolution.sequence, Resolution.id)))


def get_resolution(db: Session, resolution_id: str) -> Resolution:
    found = _by_id(db, Resolution, resolution_id)
    if found is None:
        raise NotFound(f"The resolution with id '{resolution_id}' does not exist")
    return found


def list_issue_types(db: Session) -> list[IssueType]:
    return list(db.scalars(select(IssueType).order_by(IssueType.id)))


def get_issue_type(db: Session, issue_type_id: str) -> IssueType:
    found = _by_id(db, IssueType, issue_type_id)
    if found is None:
        raise NotFound(f"The issue type with id '{issue_type_id}' does not exist")
    return found


def list_link_types(db: Session) -> list[IssueLinkType]:
    _require_issue_linking(db)
    return list(db.scalars(select(IssueLinkType).order_by(func.lower(IssueLinkType.name), IssueLinkType.id)))


def get_link_type(db: Session, link_type_id: str) -> IssueLinkType:
    _require_issue_linking(db)
    found = _by_id(db, IssueLinkType, link_type_id)
    if found is None:
        raise NotFound(f"No issue link type with id '{link_type_id}' found.")
    return found


def _require_issue_linking(db: Session) -> None:
    if not get_bool(db, ISSUE_LINKING_KEY):
        raise NotFound("Issue linking is currently disabled.")


def _by_id(db: Session, model: type[_T], raw: str) -> _T | None:
    entity_id = db_id(raw)
    return db.get(model, entity_id) if entity_id is not None else None
