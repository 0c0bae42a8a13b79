"""Recording audit events. Every admin change calls `record` in the same transaction as the change,
so a rolled-back change leaves no record and a committed one always has its record."""

from __future__ import annotations

from collections.abc import Iterable
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

# Users and groups live in one directory; Jira names it as the parent of USER and GROUP items.
DIRECTORY_ID = "1"
DIRECTORY_NAME = "Jira Internal Directory"


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


def _blank(value: object) -> object:
    return None if value is None or value == "" else value


def diff(pairs: Iterable[tuple[str, object, object]]) -> list[dict[str, Any]]:
    """changedValues for (field, before, after) triples that differ (empty and missing count as the same),
    in the given order: Jira's ChangedValuesBuilder.addIfDifferent."""
    return [change(name, _blank(before), _blank(after)) for name, before, after in pairs
            if _blank(before) != _blank(after)]


def created(pairs: Iterable[tuple[str, object]]) -> list[dict[str, Any]]:
    """changedValues of a new object: each set value as changedTo."""
    return diff((name, None, value) for name, value in pairs)


def record(ctx: RequestContext, summary: str, category: str, item: Item | None = None,
           changes: list[dict[str, Any]] | None = None, associated: list[Item] | None = None,
           *, description: str | None = None) -> None:
    """Add an audit record to the request's transaction."""
    remote = ctx.extras.get("remote_address")
    entry = AuditRecord(
        summary=summary,
        category=category,
        event_source="",
        author_id=ctx.user.id if ctx.user is not None else None,
        author_key=ctx.user.key if ctx.user is not None else None,
        remote_address=remote if isinstance(remote, str) else None,
        object_item=item.as_json() if item is not None else None,
        changed_values=[c for c in changes or []],
        associated_items=[a.as_json() for a in associated or []],
        description=description,
    )
    entry.search_text = search_text(entry, ctx)
    ctx.db.add(entry)


def search_text(entry: AuditRecord, ctx: RequestContext) -> str:
    """What `filter` matches: Jira's search field (summary, category, author, objects, values, address)."""
    parts: list[object] = [entry.summary, entry.category, entry.event_source, entry.remote_address,
                           entry.description]
    if ctx.user is not None:
        parts += [ctx.user.name, ctx.user.key, ctx.user.display_name]
    for item in [entry.object_item, *(entry.associated_items or [])]:
        if item:
            parts += [item.get("name"), item.get("typeName"), item.get("parentName")]
    for value in entry.changed_values or []:
        parts += [value.get("fieldName"), value.get("changedFrom"), value.get("changedTo")]
    return " ".join(str(p) for p in parts if p not in (None, "")).lower()
