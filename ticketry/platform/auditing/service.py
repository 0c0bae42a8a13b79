"""Recording audit events. Every admin change calls `record` in the same transaction as the change,
so a rolled-back change leaves no record and a committed one always has its record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ticketry.core.context import RequestContext
from ticketry.platform.auditing.models import AuditRecord

# Jira's categories (the audit log's "category" column).
USER_MANAGEMENT = "user management"
GROUP_MANAGEMENT = "group management"
PROJECTS = "projects"
PERMISSIONS = "permissions"
WORKFLOWS = "workflows"
FIELDS = "fields"
ISSUE_TYPES = "issue types"
NOTIFICATIONS = "notifications"
SYSTEM = "system"
SCREENS = "screens"


@dataclass
class Item:
    """An object an event is about (objectItem) or touches (associatedItems)."""

    id: str | int
    name: str
    type_name: str
    parent_id: str | int | None = None
    parent_name: str | None = None

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": str(self.id), "name": self.name, "typeName": self.type_name}
        if self.parent_id is not None:
            body["parentId"] = str(self.parent_id)
        if self.parent_name is not None:
            body["parentName"] = self.parent_name
        return body


def change(field_name: str, before: object, after: object) -> dict[str, Any]:
    """One changedValues entry; None means "no value" and is left out, as Jira does."""
    entry: dict[str, Any] = {"fieldName": field_name}
    if before is not None:
        entry["changedFrom"] = str(before)
    if after is not None:
        entry["changedTo"] = str(after)
    return entry


def record(ctx: RequestContext, summary: str, category: str, item: Item | None = None,
           changes: list[dict[str, Any]] | None = None, associated: list[Item] | None = None) -> None:
    """Add an audit record to the request's transaction."""
    ctx.db.add(AuditRecord(
        summary=summary,
        category=category,
        author_id=ctx.user.id if ctx.user is not None else None,
        remote_address=ctx.extras.get("remote_address") if isinstance(ctx.extras.get("remote_address"), str) else None,
        object_item=item.as_json() if item is not None else None,
        changed_values=[c for c in changes or []],
        associated_items=[a.as_json() for a in associated or []],
    ))
