"""Comments added through update.comment on edits and transitions: [{"add": {"body", "visibility"?}}]."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.platform.comments.service import add_comment, parse_body, parse_visibility
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions.checks import deny
from ticketry.platform.permissions.engine import access


@dataclass
class NewComment:
    body: Any
    visibility: Any = None


def comment_operations(raw: Any) -> list[NewComment]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise BadRequest(errors={"comment": "Field 'comment' expects a list of operations."})
    return [_new_comment(op) for op in raw]


def _new_comment(op: Any) -> NewComment:
    if not isinstance(op, dict) or set(op) != {"add"} or not isinstance(op["add"], dict):
        raise BadRequest(errors={"comment": "Only the 'add' operation is supported for comments here."})
    return NewComment(op["add"].get("body"), op["add"].get("visibility"))


def check_comments(ctx: RequestContext, issue: Issue, comments: list[NewComment]) -> None:
    """Validates before anything is written (the comments package's rules, and Add Comments)."""
    if comments and not access(ctx).can_on_issue("ADD_COMMENTS", issue):
        raise deny(ctx, "You do not have the permission to comment on this issue.")
    for item in comments:
        parse_body(item.body)
        parse_visibility(ctx.db, ctx.user, issue, item.visibility)


def add_comments(ctx: RequestContext, issue: Issue, comments: list[NewComment]) -> None:
    for item in comments:
        add_comment(ctx.db, ctx.user, issue, item.body, item.visibility)
