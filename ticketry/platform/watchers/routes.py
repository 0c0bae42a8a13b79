"""HTTP of an issue's watchers and votes."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Request, Response

from ticketry.core.deps import Ctx, UserCtx
from ticketry.core.errors import BadRequest
from ticketry.core.routing import JiraRoute
from ticketry.platform.permissions.checks import visible_issue
from ticketry.platform.watchers import service
from ticketry.platform.watchers.render import votes_json, watchers_json

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["watchers"])


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadRequest("The request body is not valid JSON: give the user's name as a JSON string.") from None


JsonBody = Annotated[Any, Depends(_json_body)]


@router.get("/issue/{issueIdOrKey}/watchers")
def get_watchers(issueIdOrKey: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    issue = visible_issue(ctx, issueIdOrKey)
    service.check_watching_enabled(ctx.db)
    visible = service.may_view_voters_and_watchers(ctx, issue)
    return watchers_json(ctx, issue, service.watchers_of(ctx.db, issue), visible)


@router.post("/issue/{issueIdOrKey}/watchers", status_code=204)
def add_watcher(issueIdOrKey: str, ctx: UserCtx, body: JsonBody) -> Response:  # noqa: N803
    assert ctx.user is not None
    issue = visible_issue(ctx, issueIdOrKey)
    service.check_watching_enabled(ctx.db)
    watcher = service.watcher_to_add(ctx.db, ctx.user, body)
    service.add_watcher(ctx, issue, watcher)
    return Response(status_code=204)


@router.delete("/issue/{issueIdOrKey}/watchers", status_code=204)
def remove_watcher(issueIdOrKey: str, ctx: UserCtx, username: str | None = None,  # noqa: N803
                   accountId: str | None = None) -> Response:  # noqa: N803
    assert ctx.user is not None
    issue = visible_issue(ctx, issueIdOrKey)
    service.check_watching_enabled(ctx.db)
    watcher = service.watcher_to_remove(ctx.db, username, accountId)
    service.remove_watcher(ctx, issue, watcher)
    return Response(status_code=204)


@router.get("/issue/{issueIdOrKey}/votes")
def get_votes(issueIdOrKey: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    issue = visible_issue(ctx, issueIdOrKey)
    service.check_voting_enabled(ctx.db)
    visible = service.may_view_voters_and_watchers(ctx, issue)
    return votes_json(ctx, issue, service.voters_of(ctx.db, issue), visible)


@router.post("/issue/{issueIdOrKey}/votes", status_code=204)
def add_vote(issueIdOrKey: str, ctx: UserCtx) -> Response:  # noqa: N803
    assert ctx.user is not None
    service.add_vote(ctx.db, ctx.user, visible_issue(ctx, issueIdOrKey))
    return Response(status_code=204)


@router.delete("/issue/{issueIdOrKey}/votes", status_code=204)
def remove_vote(issueIdOrKey: str, ctx: UserCtx) -> Response:  # noqa: N803
    assert ctx.user is not None
    service.remove_vote(ctx.db, ctx.user, visible_issue(ctx, issueIdOrKey))
    return Response(status_code=204)
