"""Issue links: link two issues (optionally with a comment on the source issue), read, delete.

In Jira's REST request and response the link's source issue is `inwardIssue` and its destination
`outwardIssue`: {"type": Blocks, "inwardIssue": A, "outwardIssue": B} means "A blocks B".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, NotAuthenticated, NotFound
from ticketry.core.ids import db_id
from ticketry.db.base import utcnow
from ticketry.db.id_lists import id_in
from ticketry.platform.comments.service import add_comment
from ticketry.platform.issueconfig.models import IssueLinkType
from ticketry.platform.issues.changelog import Change, record
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.service import find_issue
from ticketry.platform.links.models import IssueLink
from ticketry.platform.links.types import require_issue_linking
from ticketry.platform.permissions.checks import LOGIN_REQUIRED, can_see_issue
from ticketry.platform.permissions.engine import access
from ticketry.platform.users.models import User


def link_issues(ctx: RequestContext, data: Any) -> IssueLink:
    """Creates the link (an identical existing link is reused) and adds the comment to the source issue.

    The caller must see both issues and hold Link Issues on the source (Jira answers 401 without it)."""
    db, user = ctx.db, ctx.user
    require_issue_linking(db)
    if not isinstance(data, dict):
        raise BadRequest("The request body must be a JSON object with type, inwardIssue and outwardIssue.")
    link_type = _link_type(db, data.get("type"))
    source = _issue(ctx, data.get("inwardIssue"), "inwardIssue")
    destination = _issue(ctx, data.get("outwardIssue"), "outwardIssue")
    _require_link_permission(ctx, source)
    if source.id == destination.id:
        raise BadRequest("You cannot link an issue to itself.")
    link = db.scalar(select(IssueLink).where(IssueLink.link_type_id == link_type.id,
                                             IssueLink.source_id == source.id,
                                             IssueLink.destination_id == destination.id))
    if link is None:
        link = IssueLink(link_type_id=link_type.id, source_id=source.id, destination_id=destination.id)
        db.add(link)
        _touch(source, destination)
        _record(db, user, link_type, source, destination, added=True)
    comment = data.get("comment")
    if comment is not None:
        if not isinstance(comment, dict):
            raise BadRequest(errors={"comment": "The comment must be an object with a body."})
        add_comment(db, user, source, comment.get("body"), comment.get("visibility"))
    db.flush()
    return link


def get_link(ctx: RequestContext, link_id: str) -> tuple[IssueLink, IssueLinkType, Issue, Issue]:
    """The link with its type, source and destination issues; 404 unless the caller may see both issues."""
    db = ctx.db
    require_issue_linking(db)
    number = db_id(link_id)
    if number is None:
        raise BadRequest(f"The issue link id '{link_id}' is not valid.")
    link = db.get(IssueLink, number)
    if link is None:
        raise NotFound(f"No issue link with id '{link_id}' exists.")
    link_type = db.get(IssueLinkType, link.link_type_id)
    source, destination = db.get(Issue, link.source_id), db.get(Issue, link.destination_id)
    assert link_type is not None and source is not None and destination is not None  # foreign keys
    if not (can_see_issue(ctx, source) and can_see_issue(ctx, destination)):
        if ctx.user is None:
            raise NotAuthenticated(LOGIN_REQUIRED)
        raise NotFound(f"No issue link with id '{link_id}' exists.")
    return link, link_type, source, destination


def delete_link(ctx: RequestContext, link_id: str) -> None:
    """Jira: the caller must see both issues and hold Link Issues on one of them."""
    db, user = ctx.db, ctx.user
    link, link_type, source, destination = get_link(ctx, link_id)
    viewer = access(ctx)
    if not (viewer.can_on_issue("LINK_ISSUES", source) or viewer.can_on_issue("LINK_ISSUES", destination)):
        raise _no_link_permission(source)
    db.delete(link)
    _touch(source, destination)
    _record(db, user, link_type, source, destination, added=False)
    db.flush()


def links_of_issues(db: Session, issue_ids: list[int]) -> list[tuple[IssueLink, IssueLinkType]]:
    """Every link from or to the issues, with its type, in one query."""
    if not issue_ids:
        return []
    return [(link, link_type) for link, link_type in db.execute(_LINKS_OF_ISSUES, {"ids": issue_ids})]


# Built once: only the issue ids change from request to request.
_LINKS_OF_ISSUES = (select(IssueLink, IssueLinkType).join(IssueLinkType, IssueLinkType.id == IssueLink.link_type_id)
                    .where(or_(id_in(IssueLink.source_id, "ids"), id_in(IssueLink.destination_id, "ids")))
                    .order_by(IssueLink.id))


def _link_type(db: Session, raw: Any) -> IssueLinkType:
    if not isinstance(raw, dict) or not (raw.get("id") or raw.get("name")):
        raise BadRequest(errors={"issuelinks": "The issue link type must be given by id or name."})
    if raw.get("id"):
        number = db_id(raw["id"])
        found = db.get(IssueLinkType, number) if number is not None else None
        if found is None:
            raise NotFound(f"No issue link type with id '{raw['id']}' found.")
        return found
    name = str(raw["name"])
    found = db.scalar(select(IssueLinkType).where(IssueLinkType.name == name))
    if found is None:
        raise NotFound(f"No issue link type with name '{name}' found.")
    return found


def _issue(ctx: RequestContext, raw: Any, field: str) -> Issue:
    """An issue of the request; one the caller may not see does not exist for them."""
    if not isinstance(raw, dict) or not (raw.get("id") or raw.get("key")):
        raise BadRequest(errors={field: f"The {field} must be given by id or key."})
    issue = find_issue(ctx.db, raw.get("id") or raw.get("key"))
    if issue is None or not can_see_issue(ctx, issue):
        raise NotFound(f"Issue Does Not Exist: {raw.get('id') or raw.get('key')}")
    return issue


def _no_link_permission(issue: Issue) -> NotAuthenticated:
    # Jira answers 401 (not 403) when Link Issues is missing, logged in or not.
    return NotAuthenticated(f"No Link Issue Permission for issue '{issue.key}'.")


def _require_link_permission(ctx: RequestContext, issue: Issue) -> None:
    if not access(ctx).can_on_issue("LINK_ISSUES", issue):
        raise _no_link_permission(issue)


def visible_others(ctx: RequestContext, issue_ids: set[int]) -> dict[int, Issue]:
    """The issues among issue_ids the caller may see, in one query (links to others are not shown)."""
    if not issue_ids:
        return {}
    condition = access(ctx).issue_condition()
    return {i.id: i for i in ctx.db.scalars(select(Issue).where(Issue.id.in_(sorted(issue_ids)), condition))}


def _touch(*issues: Issue) -> None:
    now = utcnow()
    for issue in issues:
        issue.updated = now


def _record(db: Session, user: User | None, link_type: IssueLinkType, source: Issue, destination: Issue,
            *, added: bool) -> None:
    """Jira's "Link" changelog items on both issues: "This issue blocks X" / "This issue is blocked by Y"."""
    author_id = user.id if user is not None else None
    for issue, other, description in ((source, destination, link_type.outward),
                                      (destination, source, link_type.inward)):
        text = f"This issue {description} {other.key}"
        change = Change("Link", to_value=other.key, to_string=text) if added else \
            Change("Link", from_value=other.key, from_string=text)
        record(db, issue.id, author_id, [change])
