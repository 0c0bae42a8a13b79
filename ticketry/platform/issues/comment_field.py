"""The `comment` field of issues: {comments, maxResults, total, startAt}, visible comments only."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.core.wiki import render_wiki
from ticketry.platform.comments.render import comments_json
from ticketry.platform.comments.service import comments_of_issues
from ticketry.platform.issues.models import Issue


def comment_fields(ctx: RequestContext, issues: list[Issue]) -> dict[int, dict[str, Any]]:
    """The comment page of each issue, in a constant number of queries."""
    grouped = comments_of_issues(ctx.db, ctx.user, [i.id for i in issues])
    everything = [c for comments in grouped.values() for c in comments]
    rendered = iter(comments_json(ctx, everything, Expand(None)))
    pages: dict[int, dict[str, Any]] = {}
    for issue_id, comments in grouped.items():
        items = [next(rendered) for _ in comments]
        pages[issue_id] = {"comments": items, "maxResults": len(items), "total": len(items), "startAt": 0}
    return pages


def rendered_comment_fields(ctx: RequestContext, page: dict[str, Any] | None) -> dict[str, Any] | None:
    if page is None:
        return None
    comments = [{**c, "body": render_wiki(c.get("body"))} for c in page.get("comments", [])]
    return {**page, "comments": comments}
