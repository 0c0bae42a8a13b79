"""Issue link types, written by administrators: create, rename, delete (deleting removes its links)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.appsettings.service import get_bool
from ticketry.platform.issueconfig.models import IssueLinkType
from ticketry.platform.issueconfig.service import ISSUE_LINKING_KEY, get_link_type
from ticketry.platform.links.models import IssueLink

MAX_LENGTH = 255
REQUIRED = {
    "name": "The issue link type name must not be empty.",
    "inward": "The inward description of the issue link type must not be empty.",
    "outward": "The outward description of the issue link type must not be empty.",
}


def require_issue_linking(db: Session) -> None:
    if not get_bool(db, ISSUE_LINKING_KEY):
        raise NotFound("Issue linking is currently disabled.")


def create_link_type(db: Session, data: Any) -> IssueLinkType:
    require_issue_linking(db)
    values = _values(data, partial=False)
    _check_name_free(db, values["name"], None)
    link_type = IssueLinkType(**values)
    db.add(link_type)
    db.flush()
    return link_type


def update_link_type(db: Session, link_type_id: str, data: Any) -> IssueLinkType:
    link_type = get_link_type(db, link_type_id)
    values = _values(data, partial=True)
    if "name" in values:
        _check_name_free(db, values["name"], link_type.id)
    for column, value in values.items():
        setattr(link_type, column, value)
    db.flush()
    return link_type


def delete_link_type(db: Session, link_type_id: str) -> None:
    link_type = get_link_type(db, link_type_id)
    db.execute(delete(IssueLink).where(IssueLink.link_type_id == link_type.id))
    db.delete(link_type)
    db.flush()


def _values(data: Any, *, partial: bool) -> dict[str, str]:
    if not isinstance(data, dict):
        raise BadRequest("The request body must be a JSON object with name, inward and outward.")
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    for field, message in REQUIRED.items():
        raw = data.get(field)
        if raw is None and partial:
            continue
        if not isinstance(raw, str) or not raw.strip():
            errors[field] = message
        elif len(raw.strip()) > MAX_LENGTH:
            errors[field] = f"The {field} of the issue link type must not be longer than {MAX_LENGTH} characters."
        else:
            values[field] = raw.strip()
    if errors:
        raise BadRequest(errors=errors)
    return values


def _check_name_free(db: Session, name: str, own_id: int | None) -> None:
    query = select(IssueLinkType.id).where(func.lower(IssueLinkType.name) == name.lower())
    if own_id is not None:
        query = query.where(IssueLinkType.id != own_id)
    if db.scalar(query.limit(1)) is not None:
        raise BadRequest(errors={"name": f"An issue link type with the name '{name}' already exists."})
