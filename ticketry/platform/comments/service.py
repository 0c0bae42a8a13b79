"""Comment rules: who sees a restricted comment, validation, add/edit/delete, paging and ordering.

A comment restricted to a group is visible to that group's members only; one restricted to a
project role to the role's actors in the issue's project (directly or through a group), as the
permission engine sees them. As in Jira, administrators are not exempt. Adding, editing and deleting
follow the issue's permission scheme (Add Comments, Edit/Delete Own/All Comments).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, delete, func, or_, select
from sqlalchemy.orm import Session

from ticketry.core.config_cache import rows_by_id
from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, Forbidden, NotAuthenticated, NotFound
from ticketry.core.expand import Expand
from ticketry.core.pagination import check_window
from ticketry.db.base import utcnow
from ticketry.platform.comments.models import Comment
from ticketry.platform.issues.contributions import RowPart
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.people import expect
from ticketry.platform.permissions.checks import LOGIN_REQUIRED, require_all_or_own, require_on_issue
from ticketry.platform.permissions.engine import Access, access, access_for
from ticketry.platform.projects.models import ProjectRole
from ticketry.platform.properties import service as properties
from ticketry.platform.properties.models import EntityProperty
from ticketry.platform.search import textindex
from ticketry.platform.users.models import User
from ticketry.platform.users.service import find_group

ENTITY = "comment"
MAX_BODY_LENGTH = 32767
VISIBILITY_TYPES = ("group", "role")
ORDERINGS = {"created": False, "+created": False, "-created": True}
MAX_DB_INT = 2**31 - 1
ADD_REFUSED = "You do not have the permission to comment on this issue."


@dataclass(frozen=True)
class Visibility:
    type: str
    value: str


# Who sees what -------------------------------------------------------------------------------

def viewer_of(db: Session, user: User | None) -> Access:
    """The permission engine's view of a caller, for callers that have no request context."""
    return access_for(db, user)


def _role_names(db: Session) -> dict[int, str]:
    return {role_id: role.name.lower() for role_id, role in rows_by_id(db, ProjectRole).items()}


def restriction_condition(viewer: Access, kind: Any, value: Any, project_ids: Iterable[int]) -> ColumnElement[bool]:
    """Whether a row restricted to a group or a project role (of the joined Issue's project) is visible to
    the caller, with their groups and roles as the permission engine sees them; comments and worklogs share
    this rule. `project_ids`: the projects the rows may belong to."""
    parts: list[ColumnElement[bool]] = [kind.is_(None)]
    groups = viewer.groups()
    if groups:
        parts.append(and_(kind == "group", func.lower(value).in_(sorted(groups))))
    if viewer.user is not None:
        names = _role_names(viewer.db)
        for project_id in sorted(set(project_ids)):
            roles = sorted({names[r] for r in viewer.roles_in(project_id) if r in names})
            if roles:
                parts.append(and_(kind == "role", Issue.project_id == project_id, func.lower(value).in_(roles)))
    return or_(*parts)


def restriction_allows(viewer: Access, kind: str | None, value: str | None, project_id: int) -> bool:
    """The Python twin of restriction_condition for one row."""
    return Restrictions(viewer).allows(kind, value, project_id)


class Restrictions:
    """The Python twin of restriction_condition for many rows: the caller's groups and, per project, the
    lower-case names of their roles, looked up once. Rendering filters the comments and worklogs of a page
    of issues with it, rather than building an SQL condition per request."""

    def __init__(self, viewer: Access) -> None:
        self.viewer = viewer
        self._groups: set[str] | None = None
        self._names: dict[int, str] | None = None
        self._roles: dict[int, set[str]] = {}

    def allows(self, kind: str | None, value: str | None, project_id: int) -> bool:
        if kind is None:
            return True
        if kind == "group":
            if self._groups is None:
                self._groups = self.viewer.groups()
            return (value or "").lower() in self._groups
        if kind == "role" and self.viewer.user is not None:
            return (value or "").lower() in self._role_names_in(project_id)
        return False

    def _role_names_in(self, project_id: int) -> set[str]:
        found = self._roles.get(project_id)
        if found is None:
            if self._names is None:
                self._names = _role_names(self.viewer.db)
            names = self._names
            found = self._roles[project_id] = {names[r] for r in self.viewer.roles_in(project_id) if r in names}
        return found


def restrictions(ctx: RequestContext) -> Restrictions:
    """The caller's Restrictions, made once per request."""
    viewer = access(ctx)
    found = ctx.extras.get("restrictions")
    if isinstance(found, Restrictions) and found.viewer is viewer:
        return found
    made = ctx.extras["restrictions"] = Restrictions(viewer)
    return made


def visible_to(viewer: Access, project_ids: Iterable[int]) -> ColumnElement[bool]:
    """SQL condition on Comment (joined with its Issue) for comments the caller may see."""
    return restriction_condition(viewer, Comment.visibility_type, Comment.visibility_value, project_ids)


def find_comment(ctx: RequestContext, comment_id: str | int, issue: Issue | None = None) -> Comment:
    """A comment the caller may see (of the issue, when given: the caller may see that issue); 404 otherwise."""
    text = str(comment_id).strip()
    number = int(text) if text.isascii() and text.isdigit() and int(text) <= MAX_DB_INT else 0
    query = select(Comment, Issue).join(Issue, Issue.id == Comment.issue_id).where(Comment.id == number)
    if issue is not None:
        query = query.where(Comment.issue_id == issue.id)
    row = ctx.db.execute(query).first()
    viewer = access(ctx)
    if row is not None:
        comment, owner = row
        if (issue is not None or viewer.can_see(owner)) and restriction_allows(
                viewer, comment.visibility_type, comment.visibility_value, owner.project_id):
            return comment
    raise NotFound(f"Can not find a comment for the id: {comment_id}.")


def page_comments(db: Session, user: User | None, issue: Issue, *, start_at: int = 0, max_results: int = 50,
                  order_by: str | None = None, viewer: Access | None = None) -> tuple[list[Comment], int]:
    """One page of the comments the user may see, and how many there are in all."""
    start_at, max_results = check_window(start_at, max_results)
    newest_first = _ordering(order_by)
    viewer = viewer or viewer_of(db, user)
    visible = (select(Comment).join(Issue, Issue.id == Comment.issue_id)
               .where(Comment.issue_id == issue.id).where(visible_to(viewer, [issue.project_id])))
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


def visible_of_issues(ctx: RequestContext, issues: list[Issue], statement: Any) -> dict[int, list[Any]]:
    """The rows of `statement` (the columns of comments or worklogs of the issues bound as `ids`) the caller
    may see, by issue id, in the statement's order. Plain rows, not entities: rendering only reads them, and
    an ORM load cost ~60-90 us more per statement."""
    grouped: dict[int, list[Any]] = {i.id: [] for i in issues}
    if not grouped:
        return grouped
    project_of = {i.id: i.project_id for i in issues}
    allowed = restrictions(ctx)
    for row in ctx.db.connection().execute(statement, {"ids": list(grouped)}):
        if allowed.allows(row.visibility_type, row.visibility_value, project_of[row.issue_id]):
            grouped[row.issue_id].append(row)
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
    if group.lower_name not in viewer_of(db, user).groups():
        raise BadRequest(errors={"commentLevel": f"You are currently not a member of the group: {group.name}."})
    return group.name


def _check_role(db: Session, user: User | None, issue: Issue, name: str) -> str:
    """The author must be in the role in the issue's project, as the permission engine sees it."""
    roles = viewer_of(db, user).roles_in(issue.project_id)
    role_name = db.scalar(select(ProjectRole.name).where(
        func.lower(ProjectRole.name) == name.strip().lower(), ProjectRole.id.in_(sorted(roles))).limit(1))
    if role_name is None:
        raise BadRequest(errors={"commentLevel": f"You are currently not a member of the project role: {name}."})
    return role_name


def add_comment(db: Session, user: User | None, issue: Issue, body: Any, visibility: Any = None) -> Comment:
    """Validates and adds a comment (the issues package calls this for comments on edits and transitions,
    links for the comment of a new link): the caller needs Add Comments wherever the comment comes from."""
    if not viewer_of(db, user).can_on_issue("ADD_COMMENTS", issue):
        raise refusal(user, ADD_REFUSED)
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


def update_comment(ctx: RequestContext, issue: Issue, comment: Comment, data: dict[str, Any]) -> Comment:
    """Changes the body and, when `visibility` is present, the restriction (null removes it)."""
    check_may_change(ctx, issue, comment, "edit")
    db, user = ctx.db, ctx.user
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


def delete_comment(ctx: RequestContext, issue: Issue, comment: Comment) -> None:
    check_may_change(ctx, issue, comment, "delete")
    # Writers of an issue's comments take turns on its row (adding and editing update it), so the text
    # index refresh of each reads the others' committed changes (PostgreSQL; SQLite has one writer).
    ctx.db.execute(select(Issue.id).where(Issue.id == comment.issue_id).with_for_update())
    properties.delete_all(ctx.db, ENTITY, comment.id)
    ctx.db.delete(comment)
    ctx.db.flush()
    textindex.refresh(ctx.db, [comment.issue_id])


def forget_issue_comments(db: Session, issue_ids: list[int]) -> None:
    """Removes the properties of the comments of issues about to be deleted (the comments cascade)."""
    if issue_ids:
        db.execute(delete(EntityProperty).where(
            EntityProperty.entity_type == ENTITY,
            EntityProperty.entity_id.in_(select(cast(Comment.id, String)).where(Comment.issue_id.in_(issue_ids))),
        ))


def check_add(ctx: RequestContext, issue: Issue) -> None:
    require_on_issue(ctx, "ADD_COMMENTS", issue, ADD_REFUSED)


def refusal(user: User | None, message: str) -> Exception:
    """checks.deny for code without a request context: anonymous callers are asked to log in."""
    return NotAuthenticated(LOGIN_REQUIRED) if user is None else Forbidden(message)


def check_may_change(ctx: RequestContext, issue: Issue, comment: Comment, action: str = "edit") -> None:
    """Jira's Edit/Delete All Comments, or Edit/Delete Own Comments for the author; comment properties
    follow the edit permissions."""
    every, own = ("EDIT_ALL_COMMENTS", "EDIT_OWN_COMMENTS") if action == "edit" else \
        ("DELETE_ALL_COMMENTS", "DELETE_OWN_COMMENTS")
    require_all_or_own(ctx, issue, comment.author_id, every, own,
                       f"You do not have the permission to {action} this comment.")


def issue_of(ctx: RequestContext, comment: Comment) -> Issue:
    issue = ctx.db.get(Issue, comment.issue_id)
    assert issue is not None  # foreign key
    return issue


# For the issues package: the `comment` field of issues --------------------------------------

# Read with an issue page's tallies (`issues/contributions.py`).
COMMENT_ROWS = RowPart("comment rows", Comment.__table__, "c", people=("author_id", "update_author_id"))


def comment_fields(ctx: RequestContext, issues: list[Issue],
                   rows: dict[int, list[Any]]) -> Callable[[], dict[int, dict[str, Any]]]:
    """The `comment` field of each issue: those of its comments (`rows`, read with COMMENT_ROWS) the caller may
    see, oldest first.

    They are rendered when the returned function is called: their authors are then loaded together with the
    users other parts of the document named meanwhile."""
    from ticketry.platform.comments.render import comments_json

    project_of = {i.id: i.project_id for i in issues}
    allowed = restrictions(ctx)
    grouped = {issue_id: sorted((c for c in items
                                 if allowed.allows(c.visibility_type, c.visibility_value, project_of[issue_id])),
                                key=lambda c: (c.created, c.id))
               for issue_id, items in rows.items()}
    everything = [c for items in grouped.values() for c in items]
    expect(ctx, [*(c.author_id for c in everything), *(c.update_author_id for c in everything)])

    def render() -> dict[int, dict[str, Any]]:
        rendered = iter(comments_json(ctx, everything, Expand(None)))
        return {issue_id: _field_page([next(rendered) for _ in items]) for issue_id, items in grouped.items()}

    return render


def _field_page(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"comments": items, "maxResults": len(items), "total": len(items), "startAt": 0}
