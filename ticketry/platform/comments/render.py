"""Wire shapes of comments, in batches: authors, mentioned users and properties in one query each."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

from sqlalchemy import select

from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.core.timefmt import format_datetime
from ticketry.core.wiki import render_wiki
from ticketry.platform.comments.models import Comment
from ticketry.platform.comments.service import ENTITY, page_comments
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.people import person, users_by_id
from ticketry.platform.permissions.engine import access
from ticketry.platform.properties.models import EntityProperty
from ticketry.platform.users.models import User

MENTION = re.compile(r"\[~([^\]\[|]+)\]")


def comment_self(ctx: RequestContext, comment: Comment) -> str:
    return ctx.api(f"issue/{comment.issue_id}/comment/{comment.id}")


def comment_json(ctx: RequestContext, comment: Comment, expand: Expand) -> dict[str, Any]:
    return comments_json(ctx, [comment], expand)[0]


def comments_json(ctx: RequestContext, comments: list[Comment], expand: Expand) -> list[dict[str, Any]]:
    users = users_by_id(ctx, [*(c.author_id for c in comments), *(c.update_author_id for c in comments)])
    mention = _mention_renderer(ctx, comments) if "renderedBody" in expand else None
    props = _properties(ctx, comments) if "properties" in expand else {}
    out = []
    for comment in comments:
        body: dict[str, Any] = {
            "self": comment_self(ctx, comment),
            "id": str(comment.id),
            "author": person(ctx, users.get(comment.author_id or 0)),
            "body": comment.body,
        }
        if mention is not None:
            body["renderedBody"] = render_wiki(comment.body, mention=mention)
        body["updateAuthor"] = person(ctx, users.get(comment.update_author_id or 0))
        body["created"] = format_datetime(comment.created)
        body["updated"] = format_datetime(comment.updated)
        if comment.visibility_type:
            body["visibility"] = {"type": comment.visibility_type, "value": comment.visibility_value}
        if "properties" in expand:
            body["properties"] = props.get(str(comment.id), [])
        out.append(body)
    return out


def _mention_renderer(ctx: RequestContext, comments: list[Comment]) -> Any:
    names = {m.lower() for c in comments for m in MENTION.findall(c.body or "")}
    users = {u.lower_name: u for u in ctx.db.scalars(select(User).where(User.lower_name.in_(names)))} if names else {}

    def mention(name: str) -> str | None:
        user = users.get(name.lower())
        if user is None:
            return None
        url = html.escape(ctx.url(f"/secure/ViewProfile.jspa?name={quote(user.name, safe='')}"), quote=True)
        return (f'<a href="{url}" class="user-hover" rel="{html.escape(user.name, quote=True)}">'
                f"{html.escape(user.display_name)}</a>")

    return mention


def _properties(ctx: RequestContext, comments: list[Comment]) -> dict[str, list[dict[str, Any]]]:
    ids = [str(c.id) for c in comments]
    grouped: dict[str, list[dict[str, Any]]] = {}
    if not ids:
        return grouped
    for prop in ctx.db.scalars(select(EntityProperty).where(
            EntityProperty.entity_type == ENTITY, EntityProperty.entity_id.in_(ids)).order_by(EntityProperty.key)):
        grouped.setdefault(prop.entity_id, []).append({"key": prop.key, "value": prop.value})
    return grouped


def comments_page_json(ctx: RequestContext, comments: list[Comment], *, total: int, start_at: int,
                       expand: Expand) -> dict[str, Any]:
    """As Jira Server sends it: maxResults is the number of comments on this page."""
    return {"startAt": start_at, "maxResults": len(comments), "total": total,
            "comments": comments_json(ctx, comments, expand)}


def comments_for_issue_json(ctx: RequestContext, issue: Issue, *, start_at: int = 0, max_results: int = 50,
                            expand: Expand | str | None = None) -> dict[str, Any]:
    """The visible comments of one issue as Jira pages them: {startAt, maxResults, total, comments}."""
    wanted = expand if isinstance(expand, Expand) else Expand(expand)
    comments, total = page_comments(ctx.db, ctx.user, issue, start_at=start_at, max_results=max_results,
                                    viewer=access(ctx))
    return comments_page_json(ctx, comments, total=total, start_at=start_at, expand=wanted)
