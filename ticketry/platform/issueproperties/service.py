"""Issue entity properties: the issue is resolved first (404 when unknown), then the shared store."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.permits import EDIT_DENIED, may_edit
from ticketry.platform.permissions.checks import deny, visible_issue
from ticketry.platform.properties import service as properties
from ticketry.platform.properties.models import EntityProperty

ENTITY = "issue"


def issue_of(ctx: RequestContext, issue_id_or_key: str) -> Issue:
    """The issue if the caller may browse it (else 404, 401 for anonymous callers)."""
    return visible_issue(ctx, issue_id_or_key)


def editable_issue(ctx: RequestContext, issue_id_or_key: str) -> Issue:
    """Writing properties needs Edit Issues on the issue (403, 401 for anonymous callers)."""
    issue = visible_issue(ctx, issue_id_or_key)
    if not may_edit(ctx, issue):
        raise deny(ctx, EDIT_DENIED)
    return issue


def keys(db: Session, issue: Issue) -> list[str]:
    return properties.list_keys(db, ENTITY, issue.id)


def get_property(db: Session, issue: Issue, key: str) -> EntityProperty:
    return properties.get_property(db, ENTITY, issue.id, key)


def set_property(db: Session, issue: Issue, key: str, value: Any) -> bool:
    """Creates or replaces the property; True when it was created."""
    return properties.set_property(db, ENTITY, issue.id, key, value)


def delete_property(db: Session, issue: Issue, key: str) -> None:
    properties.delete_property(db, ENTITY, issue.id, key)
