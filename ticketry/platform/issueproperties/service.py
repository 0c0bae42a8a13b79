"""Issue entity properties: the issue is resolved first (404 when unknown), then the shared store."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.service import get_issue
from ticketry.platform.properties import service as properties
from ticketry.platform.properties.models import EntityProperty

ENTITY = "issue"


def issue_of(db: Session, issue_id_or_key: str) -> Issue:
    return get_issue(db, issue_id_or_key)


def keys(db: Session, issue: Issue) -> list[str]:
    return properties.list_keys(db, ENTITY, issue.id)


def get_property(db: Session, issue: Issue, key: str) -> EntityProperty:
    return properties.get_property(db, ENTITY, issue.id, key)


def set_property(db: Session, issue: Issue, key: str, value: Any) -> bool:
    """Creates or replaces the property; True when it was created."""
    return properties.set_property(db, ENTITY, issue.id, key, value)


def delete_property(db: Session, issue: Issue, key: str) -> None:
    properties.delete_property(db, ENTITY, issue.id, key)
