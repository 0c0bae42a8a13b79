"""HTTP of comments: an issue's comments (list, add, get, edit, delete) and comment properties."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Response

from ticketry.core.deps import Ctx
from ticketry.core.expand import Expand
from ticketry.core.routing import JiraRoute
from ticketry.platform.comments import service
from ticketry.platform.comments.render import comment_json, comments_page_json
from ticketry.platform.permissions.checks import visible_issue
from ticketry.platform.permissions.engine import access
from ticketry.platform.properties import service as properties
from ticketry.platform.properties.body import JsonValue

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["comments"])

JsonBody = Body(default=None)


def _object(body: Any) -> dict[str, Any]:
    return body if isinstance(body, dict) else {}


@router.get("/issue/{issueIdOrKey}/comment")
def list_comments(issueIdOrKey: str, ctx: Ctx, startAt: int = 0, maxResults: int = 50,  # noqa: N803
                  orderBy: str | None = None, expand: str | None = None) -> dict[str, Any]:  # noqa: N803
    issue = visible_issue(ctx, issueIdOrKey)
    comments, total = service.page_comments(ctx.db, ctx.user, issue, start_at=startAt, max_results=maxResults,
                                            order_by=orderBy, viewer=access(ctx))
    return comments_page_json(ctx, comments, total=total, start_at=startAt, expand=Expand(expand))


@router.post("/issue/{issueIdOrKey}/comment", status_code=201)
def add_comment(issueIdOrKey: str, ctx: Ctx, expand: str | None = None,  # noqa: N803
                body: Any = JsonBody) -> dict[str, Any]:
    issue = visible_issue(ctx, issueIdOrKey)
    data = _object(body)
    comment = service.add_comment(ctx.db, ctx.user, issue, data.get("body"), data.get("visibility"))
    return comment_json(ctx, comment, Expand(expand))


@router.get("/issue/{issueIdOrKey}/comment/{commentId}")
def get_comment(issueIdOrKey: str, commentId: str, ctx: Ctx,  # noqa: N803
                expand: str | None = None) -> dict[str, Any]:
    issue = visible_issue(ctx, issueIdOrKey)
    return comment_json(ctx, service.find_comment(ctx, commentId, issue), Expand(expand))


@router.put("/issue/{issueIdOrKey}/comment/{commentId}")
def update_comment(issueIdOrKey: str, commentId: str, ctx: Ctx, expand: str | None = None,  # noqa: N803
                   body: Any = JsonBody) -> dict[str, Any]:
    issue = visible_issue(ctx, issueIdOrKey)
    comment = service.find_comment(ctx, commentId, issue)
    service.update_comment(ctx, issue, comment, _object(body))
    return comment_json(ctx, comment, Expand(expand))


@router.delete("/issue/{issueIdOrKey}/comment/{commentId}", status_code=204)
def delete_comment(issueIdOrKey: str, commentId: str, ctx: Ctx) -> Response:  # noqa: N803
    issue = visible_issue(ctx, issueIdOrKey)
    comment = service.find_comment(ctx, commentId, issue)
    service.delete_comment(ctx, issue, comment)
    return Response(status_code=204)


# Comment properties --------------------------------------------------------------------------



@router.get("/comment/{commentId}/properties")
def property_keys(commentId: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    comment = service.find_comment(ctx, commentId)
    keys = properties.list_keys(ctx.db, service.ENTITY, comment.id)
    return properties.keys_json(ctx.api(f"comment/{comment.id}/properties"), keys)


@router.get("/comment/{commentId}/properties/{propertyKey}")
def get_property(commentId: str, propertyKey: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    comment = service.find_comment(ctx, commentId)
    return properties.property_json(properties.get_property(ctx.db, service.ENTITY, comment.id, propertyKey))


@router.put("/comment/{commentId}/properties/{propertyKey}")
def set_property(commentId: str, propertyKey: str, value: JsonValue, ctx: Ctx) -> Response:  # noqa: N803
    comment = service.find_comment(ctx, commentId)
    service.check_may_change(ctx, service.issue_of(ctx, comment), comment)
    created = properties.set_property(ctx.db, service.ENTITY, comment.id, propertyKey, value)
    return Response(status_code=201 if created else 200)


@router.delete("/comment/{commentId}/properties/{propertyKey}", status_code=204)
def delete_property(commentId: str, propertyKey: str, ctx: Ctx) -> Response:  # noqa: N803
    comment = service.find_comment(ctx, commentId)
    service.check_may_change(ctx, service.issue_of(ctx, comment), comment)
    properties.delete_property(ctx.db, service.ENTITY, comment.id, propertyKey)
    return Response(status_code=204)
