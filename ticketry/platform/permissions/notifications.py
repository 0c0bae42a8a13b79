"""Notification schemes: Jira's event types and the recipients each scheme mails for them (reads)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, NotFound
from ticketry.core.ids import db_id
from ticketry.platform.fields.catalog import custom_field_def, field_json, find_custom_field
from ticketry.platform.permissions.engine import access
from ticketry.platform.permissions.models import NotificationScheme, NotificationSchemeEntry
from ticketry.platform.projects.models import Project, ProjectRole
from ticketry.platform.users.render import group_ref, user_json
from ticketry.platform.users.service import find_user

# Jira's built-in event types: id, name.
EVENT_TYPES = [
    (1, "Issue Created"), (2, "Issue Updated"), (3, "Issue Assigned"), (4, "Issue Resolved"), (5, "Issue Closed"),
    (6, "Issue Commented"), (14, "Issue Comment Edited"), (17, "Issue Comment Deleted"), (7, "Issue Reopened"),
    (8, "Issue Deleted"), (9, "Issue Moved"), (10, "Work Logged On Issue"), (11, "Work Started On Issue"),
    (12, "Work Stopped On Issue"), (15, "Issue Worklog Updated"), (16, "Issue Worklog Deleted"),
    (13, "Generic Event"),
]
DEFAULT_RECIPIENTS = ("CurrentAssignee", "Reporter", "AllWatchers")
EXPAND = "notificationSchemeEvents,user,group,projectRole,field,all"
_EXPANDABLE = frozenset(EXPAND.split(","))
MAX_RESULTS = 50


def parse_expand(raw: str | None) -> set[str]:
    parts = {p.strip() for p in (raw or "").split(",") if p.strip()}
    if parts - _EXPANDABLE:
        raise BadRequest(f"Invalid expand parameter: {', '.join(sorted(parts - _EXPANDABLE))}.")
    return parts


def visible_scheme_ids(ctx: RequestContext) -> set[int] | None:
    """None: every scheme (administrators); else the schemes of projects the caller administers."""
    checker = access(ctx)
    if checker.is_admin():
        return None
    administered = checker.projects_with("ADMINISTER_PROJECTS")
    if not administered:
        return set()
    rows = ctx.db.scalars(select(Project.notification_scheme_id).where(Project.id.in_(sorted(administered))))
    return {sid for sid in rows if sid is not None}


def get_scheme(ctx: RequestContext, scheme_id: str) -> NotificationScheme:
    number = db_id(scheme_id)
    scheme = ctx.db.get(NotificationScheme, number) if number is not None else None
    visible = visible_scheme_ids(ctx)
    if scheme is None or (visible is not None and scheme.id not in visible):
        raise NotFound(f"Notification scheme with id {scheme_id} not found.")
    return scheme


def page(ctx: RequestContext, start_at: int, max_results: int, expand: set[str]) -> dict[str, Any]:
    if start_at < 0 or max_results < 0:
        raise BadRequest("startAt and maxResults must not be negative.")
    limit = min(max_results, MAX_RESULTS)
    query = select(NotificationScheme)
    visible = visible_scheme_ids(ctx)
    if visible is not None:
        query = query.where(NotificationScheme.id.in_(sorted(visible)))
    total = ctx.db.scalar(select(func.count()).select_from(query.subquery())) or 0
    schemes = ctx.db.scalars(query.order_by(func.lower(NotificationScheme.name), NotificationScheme.id)
                             .offset(start_at).limit(limit)).all()
    return {"maxResults": limit, "startAt": start_at, "total": total, "isLast": start_at + len(schemes) >= total,
            "values": [scheme_json(ctx, s, expand) for s in schemes]}


def scheme_json(ctx: RequestContext, scheme: NotificationScheme, expand: set[str]) -> dict[str, Any]:
    entries = ctx.db.scalars(select(NotificationSchemeEntry).where(NotificationSchemeEntry.scheme_id == scheme.id)
                             .order_by(NotificationSchemeEntry.id)).all()
    by_event: dict[int, list[NotificationSchemeEntry]] = defaultdict(list)
    for entry in entries:
        by_event[entry.event_type_id].append(entry)
    events = [{"event": {"id": event_id, "name": name, "description": f"This is the '{name.lower()}' event."},
               "notifications": [_notification_json(ctx, e, expand) for e in by_event[event_id]]}
              for event_id, name in EVENT_TYPES]
    return {"expand": EXPAND, "id": scheme.id, "self": ctx.api(f"notificationscheme/{scheme.id}"),
            "name": scheme.name, "description": scheme.description, "notificationSchemeEvents": events}


def _notification_json(ctx: RequestContext, entry: NotificationSchemeEntry, expand: set[str]) -> dict[str, Any]:
    body: dict[str, Any] = {"id": entry.id, "notificationType": entry.notification_type}
    if entry.parameter is not None:
        body["parameter"] = entry.parameter
    kind, wanted = entry.notification_type, lambda what: what in expand or "all" in expand
    if kind == "EmailAddress":
        body["emailAddress"] = entry.parameter
    elif kind == "Group":
        body["expand"] = "group"
        if wanted("group") and entry.parameter:
            body["group"] = group_ref(ctx, entry.parameter)
    elif kind == "User":
        body["expand"] = "user"
        user = find_user(ctx.db, entry.parameter) if wanted("user") else None
        if user is not None:
            body["user"] = user_json(ctx, user)
    elif kind == "ProjectRole":
        body["expand"] = "projectRole"
        role = ctx.db.get(ProjectRole, db_id(entry.parameter or "")) if wanted("projectRole") else None
        if role is not None:
            body["projectRole"] = {"self": ctx.api(f"role/{role.id}"), "name": role.name, "id": role.id,
                                   "description": role.description}
    elif kind in ("UserCustomField", "GroupCustomField"):
        body["expand"] = "field"
        field = find_custom_field(ctx.db, entry.parameter or "") if wanted("field") else None
        if field is not None:
            body["field"] = field_json(custom_field_def(field))
    return body


def install_defaults(db: Session, scheme_id: int) -> None:
    db.add_all(NotificationSchemeEntry(scheme_id=scheme_id, event_type_id=event_id, notification_type=kind)
               for event_id, _name in EVENT_TYPES for kind in DEFAULT_RECIPIENTS)
