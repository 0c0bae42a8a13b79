"""Comment rules: who sees a restricted comment, validation, add/edit/delete, paging and ordering.

A comment restricted to a group is visible to that group's members only; one restricted to a
project role to the role's actors in the issue's project (directly or through a group).
As in Jira, administrators are not exempt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, Forbidden, NotFound
from ticketry.core.expand import Expand
from ticketry.core.pagination import check_window
from ticketry.db.base import utcnow
from ticketry.platform.comments.models import Comment
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects.models import ProjectRole, ProjectRoleActor
from ticketry.platform.properties import service as properties
from ticketry.platform.properties.models import EntityProperty
from ticketry.platform.search import textindex
from ticketry.platform.users.models import Group, GroupMembership, User
from ticketry.platform.users.service import find_group, is_admin

ENTITY = "comment"
MAX_BODY_LENGTH = 32767
VISIBILITY_TYPES = ("group", "role")
ORDERINGS = {"created": False, "+created": False, "-created": True}
MAX_DB_INT = 2**31 - 1


@dataclass(frozen=True)
class Visibility:
    type: str
    value: str


# Who sees what -------------------------------------------------------------------------------

def visible_to(user: User | None) -> ColumnElement[bool]:
    """SQL condition on Comment (joined with its Issue) for comments the user may see."""
    return restriction_visible(Comment.visibility_type, Comment.visibility_value, user)


def restriction_visible(kind: Any, value: Any, user: User | None) -> ColumnElement[bool]:
    """Whether a row restricted to a group or a project role (of the joined Issue's project) is
    visible to the user; comments and worklogs share this rule."""
    unrestricted = kind.is_(None)
    if user is None:
        return unrestricted
    user_groups = select(GroupMembership.group_id).where(GroupMembership.user_id == user.id)
    in_group = exists(
        select(GroupMembership.group_id).join(Group, Group.id == GroupMembership.group_id)
        .where(GroupMembership.user_id == user.id, Group.lower_name == func.lower(value))
    )
    in_role = exists(
        select(ProjectRoleActor.id).join(ProjectRole, ProjectRole.id == ProjectRoleActor.role_id)
        .where(ProjectRoleActor.project_id == Issue.project_id,
               func.lower(ProjectRole.name) == func.lower(value),
               or_(ProjectRoleActor.user_id == user.id, ProjectRoleActor.group_id.in_(user_groups)))
    )
    return or_(unrestricted, and_(kind == "group", in_group), and_(kind == "role", in_role))


def find_comment(db: Session, user: User | None, comment_id: str | int, issue: Issue | None = None) -> Comment:
    """A comment the user may see (of the issue, when given); 404 otherwise."""
    text = str(comment_id).strip()
    number = int(text) if text.isdigit() and int(text) <= MAX_DB_INT else 0
    query = (select(Comment).join(Issue, Issue.id == Comment.issue_id)
             .where(Comment.id == number).where(visible_to(user)))
    if issue is not None:
        query = query.where(Comment.issue_id == issue.id)
    comment = db.scalars(query).first()
    if comment is None:
        raise NotFound(f"Can not find a comment for the id: {comment_id}.")
    return comment


def page_comments(db: Session, user: User | None, issue: Issue, *, start_at: int = 0, max_results: int = 50,
                  order_by: str | None = None) -> tuple[list[Comment], int]:
    """One page of the comments the user may see, and how many there are in all."""
    start_at, max_results = check_window(start_at, max_results)
    newest_first = _ordering(order_by)
    visible = (select(Comment).join(Issue, Issue.id == Comment.issue_id)
               .where(Comment.issue_id == issue.id).where(visible_to(user)))
    total = db.scalar(select(func.count()).select_from(visible.subquery())) or 0
    order = (Comment.created.desc(), Comment.id.desc()) if newest_first else (Comment.created, Comment.id)
    rows = list(db.scalars(visible.order_by(*order).offset(start_at).limit(max_results))) if max_results else []
    return rows, int(total)


def _ordering(order_by: str | None) -> bool:
    if order_by is None or order_by == "":
        return False
    if order_by not in ORDERINGS:
        raise BadRequest(errors={"orderBy": f"Comments can only be ordered by created or -created, not '{order_by}'."})
    return ORDERINGS[order_by]


def comments_of_issues(db: Session, user: User | None, issue_ids: list[int]) -> dict[int, list[Comment]]:
    """Every visible comment of several issues, oldest first, in one query."""
    grouped: dict[int, list[Comment]] = {i: [] for i in issue_ids}
    if not issue_ids:
        return grouped
    for comment in db.scalars(
        select(Comment).join(Issue, Issue.id == Comment.issue_id)
        .where(Comment.issue_id.in_(issue_ids)).where(visible_to(user)).order_by(Comment.created, Comment.id)
    ):
        grouped[comment.issue_id].append(comment)
    return grouped


# Changes -------------------------------------------------------------------------------------

def parse_body(raw: Any) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise BadRequest(errors={"comment": "Comment body can not be empty!"})
    if len(raw) > MAX_BODY_LENGTH:
        raise BadRequest(errors={"comment": "The entered text is too long. It exceeds the allowed limit of "
                                            f"{MAX_BODY_LENGTH:,} characters."})
    if "\x00" in raw:
        raise BadRequest(errors={"comment": "The comment body must not contain NUL characters."})
    return raw


def parse_visibility(db: Session, user: User | None, issue: Issue, raw: Any) -> Visibility | None:
    """Validates {"type": "group"|"role", "value": name}: it must exist and the author must belong to it."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or raw.get("type") not in VISIBILITY_TYPES:
        raise BadRequest(errors={"commentLevel": "The visibility type must be 'group' or 'role'."})
    value = raw.get("value")
    if not isinstance(value, str) or not value.strip():
        raise BadRequest(errors={"commentLevel": f"The {raw['type']} to restrict the comment to must be given."})
    if raw["type"] == "group":
        return Visibility("group", _check_group(db, user, value))
    return Visibility("role", _check_role(db, user, issue, value))


def _check_group(db: Session, user: User | None, name: str) -> str:
    group = find_group(db, name)
    if group is None:
        raise BadRequest(errors={"commentLevel": f"Group: {name} does not exist."})
    member = user is not None and db.scalar(select(GroupMembership.user_id).where(
        GroupMembership.user_id == user.id, GroupMembership.group_id == group.id)) is not None
    if not member:
        raise BadRequest(errors={"commentLevel": f"You are currently not a member of the group: {group.name}."})
    return group.name


def _check_role(db: Session, user: User | None, issue: Issue, name: str) -> str:
    user_id = user.id if user is not None else 0
    role_name = db.scalar(
        select(ProjectRole.name).join(ProjectRoleActor, ProjectRoleActor.role_id == ProjectRole.id)
        .where(func.lower(ProjectRole.name) == name.strip().lower(), ProjectRoleActor.project_id == issue.project_id)
        .where(or_(ProjectRoleActor.user_id == user_id, ProjectRoleActor.group_id.in_(
            select(GroupMembership.group_id).where(GroupMembership.user_id == user_id))))
        .limit(1)
    )
    if role_name is None:
        raise BadRequest(errors={"commentLevel": f"You are currently not a member of the project role: {name}."})
    return role_name


def add_comment(db: Session, user: User | None, issue: Issue, body: Any, visibility: Any = None) -> Comment:
    """Validates and adds a comment (the issues package calls this for comments on edits and transitions)."""
    text = parse_body(body)
    level = parse_visibility(db, user, issue, visibility)
    now = utcnow()
    author_id = user.id if user is not None else None
    comment = Comment(issue_id=issue.id, author_id=author_id, update_author_id=author_id, body=text,
                      created=now, updated=now, visibility_type=level.type if level else None,
                      visibility_value=level.value if level else None)
    db.add(comment)
    issue.updated = now
    db.flush()
    textindex.refresh(db, [issue.id])
    return comment


def update_comment(db: Session, user: User | None, issue: Issue, comment: Comment, data: dict[str, Any]) -> Comment:
    """Changes the body and, when `visibility` is present, the restriction (null removes it)."""
    _check_may_change(db, user, comment, "edit")
    text = parse_body(data.get("body"))
    if "visibility" in data:
        level = parse_visibility(db, user, issue, data["visibility"])
        comment.visibility_type = level.type if level else None
        comment.visibility_value = level.value if level else None
    now = utcnow()
    comment.body = text
    comment.update_author_id = user.id if user is not None else None
    comment.updated = now
    issue.updated = now
    db.flush()
    textindex.refresh(db, [issue.id])
    return comment


def delete_comment(db: Session, user: User | None, comment: Comment) -> None:
    _check_may_change(db, user, comment, "delete")
    properties.delete_all(db, ENTITY, comment.id)
    db.delete(comment)
    db.flush()
    textindex.refresh(db, [comment.issue_id])


def forget_issue_comments(db: Session, issue_ids: list[int]) -> None:
    """Removes the properties of the comments of issues about to be deleted (the comments cascade)."""
    if issue_ids:
        db.execute(delete(EntityProperty).where(
            EntityProperty.entity_type == ENTITY,
            EntityProperty.entity_id.in_(select(cast(Comment.id, String)).where(Comment.issue_id.in_(issue_ids))),
        ))


def check_may_change(db: Session, user: User | None, comment: Comment) -> None:
    """Authors and administrators may edit, delete and set properties of a comment."""
    _check_may_change(db, user, comment, "edit")


def _check_may_change(db: Session, user: User | None, comment: Comment, action: str) -> None:
    if user is None or (comment.author_id != user.id and not is_admin(db, user)):
        raise Forbidden(f"You do not have the permission to {action} this comment.")


# For the issues package: the `comment` field of issues --------------------------------------

def comment_fields(ctx: RequestContext, issues: list[Issue]) -> dict[int, dict[str, Any]]:
    """The `comment` field of each issue (every visible comment), in a constant number of queries."""
    from ticketry.platform.comments.render import comments_json

    grouped = comments_of_issues(ctx.db, ctx.user, [i.id for i in issues])
    rendered = comments_json(ctx, [c for items in grouped.values() for c in items], Expand(None))
    by_id = {c["id"]: c for c in rendered}
    return {issue_id: _field_page([by_id[str(c.id)] for c in items]) for issue_id, items in grouped.items()}


def _field_page(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"comments": items, "maxResults": len(items), "total": len(items), "startAt": 0}
