"""Wire shape of audit records (Jira's audit-record schema) and of the page around them."""

from __future__ import annotations

from typing import Any

from ticketry.core.timefmt import format_datetime
from ticketry.platform.auditing.models import AuditRecord
from ticketry.platform.auditing.query import RecordPage


def record_json(entry: AuditRecord) -> dict[str, Any]:
    """Jira leaves out what a record lacks: objectItem, associatedItems when empty, description."""
    body: dict[str, Any] = {"id": entry.id, "summary": entry.summary}
    if entry.remote_address is not None:
        body["remoteAddress"] = entry.remote_address
    if entry.author_key is not None:
        body["authorKey"] = entry.author_key
    body["created"] = format_datetime(entry.created)
    body["category"] = entry.category
    body["eventSource"] = entry.event_source or ""
    if entry.description:
        body["description"] = entry.description
    if entry.object_item:
        body["objectItem"] = entry.object_item
    body["changedValues"] = list(entry.changed_values or [])
    if entry.associated_items:
        body["associatedItems"] = list(entry.associated_items)
    return body


def page_json(found: RecordPage) -> dict[str, Any]:
    return {
        "offset": found.offset,
        "limit": found.limit,
        "total": found.total,
        "records": [record_json(entry) for entry in found.records],
    }
