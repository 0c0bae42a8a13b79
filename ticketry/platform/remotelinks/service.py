"""Remote issue links: create or update by globalId, read, replace, delete by id or by globalId.

Jira answers 403 when issue linking is disabled (remote links are part of issue linking).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, Forbidden, NotFound
from ticketry.core.ids import db_id
from ticketry.db.base import utcnow
from ticketry.platform.appsettings.service import get_bool
from ticketry.platform.issueconfig.service import ISSUE_LINKING_KEY
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions.checks import require_on_issue
from ticketry.platform.remotelinks.models import RemoteIssueLink

# Request path (top level or under "object") -> column, maximum length (None: unlimited text).
_TEXTS: dict[tuple[str, ...], tuple[str, int | None]] = {
    ("globalId",): ("global_id", 255),
    ("relationship",): ("relationship", 255),
    ("application", "type"): ("application_type", 255),
    ("application", "name"): ("application_name", 255),
    ("object", "url"): ("url", None),
    ("object", "title"): ("title", 255),
    ("object", "summary"): ("summary", None),
    ("object", "icon", "url16x16"): ("icon_url", None),
    ("object", "icon", "title"): ("icon_title", None),
    ("object", "status", "icon", "url16x16"): ("status_icon_url", None),
    ("object", "status", "icon", "title"): ("status_icon_title", None),
    ("object", "status", "icon", "link"): ("status_icon_link", None),
}
_OBJECTS = (("application",), ("object",), ("object", "icon"), ("object", "status"), ("object", "status", "icon"))


def require_issue_linking(db: Session) -> None:
    if not get_bool(db, ISSUE_LINKING_KEY):
        raise Forbidden("Issue linking is currently disabled.")


def require_link_permission(ctx: RequestContext, issue: Issue) -> None:
    """Creating, changing and deleting remote links needs Link Issues on the issue (after the linking switch)."""
    require_issue_linking(ctx.db)
    require_on_issue(ctx, "LINK_ISSUES", issue, "You do not have permission to link issues.")


def list_links(db: Session, issue: Issue) -> list[RemoteIssueLink]:
    require_issue_linking(db)
    return list(db.scalars(select(RemoteIssueLink).where(RemoteIssueLink.issue_id == issue.id)
                           .order_by(RemoteIssueLink.id)))


def find_by_global_id(db: Session, issue: Issue, global_id: str) -> RemoteIssueLink:
    require_issue_linking(db)
    link = _by_global_id(db, issue, global_id)
    if link is None:
        raise NotFound(f"No remote issue link with global id '{global_id}' exists on issue {issue.key}.")
    return link


def get_link(db: Session, issue: Issue, link_id: str) -> RemoteIssueLink:
    require_issue_linking(db)
    number = db_id(link_id)
    if number is None:
        raise BadRequest(f"The remote issue link id '{link_id}' is not a valid number.")
    link = db.get(RemoteIssueLink, number)
    if link is None:
        raise NotFound(f"No remote issue link with id '{link_id}' exists.")
    if link.issue_id != issue.id:
        raise BadRequest(f"The remote issue link with id '{link_id}' does not belong to issue {issue.key}.")
    return link


def create_or_update(db: Session, issue: Issue, data: Any) -> tuple[RemoteIssueLink, bool]:
    """The link and whether it was created (False: the link with the same globalId was updated)."""
    require_issue_linking(db)
    values = parse_link(data)
    link = _by_global_id(db, issue, values["global_id"]) if values["global_id"] is not None else None
    created = link is None
    if link is None:
        link = RemoteIssueLink(issue_id=issue.id)
        db.add(link)
    _assign(link, values)
    issue.updated = utcnow()
    db.flush()
    return link, created


def replace(db: Session, issue: Issue, link: RemoteIssueLink, data: Any) -> None:
    """PUT: every field not given becomes null."""
    values = parse_link(data)
    if values["global_id"] is not None:
        other = _by_global_id(db, issue, values["global_id"])
        if other is not None and other.id != link.id:
            raise BadRequest(errors={"globalId": "Another remote issue link of this issue has this global id."})
    _assign(link, values)
    issue.updated = utcnow()
    db.flush()


def delete_link(db: Session, issue: Issue, link: RemoteIssueLink) -> None:
    db.delete(link)
    issue.updated = utcnow()
    db.flush()


def parse_link(data: Any) -> dict[str, Any]:
    """Validates a request body into column values; 400 with Jira's field messages."""
    if not isinstance(data, dict):
        raise BadRequest("The request body must be a JSON object.")
    errors: dict[str, str] = {}
    for path in _OBJECTS:
        if not isinstance(_at(data, path, {}), dict):
            errors[path[-1]] = f"'{path[-1]}' must be an object."
    if errors:
        raise BadRequest(errors=errors)
    values = {column: _text(data, path, limit, errors) for path, (column, limit) in _TEXTS.items()}
    resolved = _at(data, ("object", "status", "resolved"), None)
    if resolved is not None and not isinstance(resolved, bool):
        errors["resolved"] = "'resolved' must be true or false."
    values["resolved"] = resolved
    for column, name in (("url", "url"), ("title", "title")):
        if not values[column] and name not in errors:
            errors[name] = f"'{name}' is required."
    if errors:
        raise BadRequest(errors=errors)
    return values


def _at(data: dict[str, Any], path: tuple[str, ...], default: Any) -> Any:
    value: Any = data
    for step in path:
        if not isinstance(value, dict) or value.get(step) is None:
            return default
        value = value[step]
    return value


def _text(data: dict[str, Any], path: tuple[str, ...], limit: int | None, errors: dict[str, str]) -> str | None:
    value = _at(data, path, None)
    if value is None:
        return None
    if not isinstance(value, str):
        errors[path[-1]] = f"'{path[-1]}' must be a string."
        return None
    if limit is not None and len(value) > limit:
        errors[path[-1]] = f"'{path[-1]}' must not be longer than {limit} characters."
        return None
    return value if value.strip() else None


def _assign(link: RemoteIssueLink, values: dict[str, Any]) -> None:
    for column, value in values.items():
        setattr(link, column, value)


def _by_global_id(db: Session, issue: Issue, global_id: str) -> RemoteIssueLink | None:
    return db.scalar(select(RemoteIssueLink).where(RemoteIssueLink.issue_id == issue.id,
                                                   RemoteIssueLink.global_id == global_id))
