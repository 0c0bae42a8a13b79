"""HTTP of remote issue links: /issue/{issueIdOrKey}/remotelink[/{linkId}]."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Response

from ticketry.core.deps import Ctx, UserCtx
from ticketry.core.errors import BadRequest
from ticketry.core.responses import JiraJSONResponse
from ticketry.core.routing import JiraRoute
from ticketry.platform.permissions.checks import visible_issue
from ticketry.platform.remotelinks import service
from ticketry.platform.remotelinks.render import link_json, link_ref

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["remote issue links"])

JsonBody = Body(default=None)


@router.get("/issue/{issueIdOrKey}/remotelink")
def list_links(issueIdOrKey: str, ctx: Ctx, globalId: str | None = None) -> Any:  # noqa: N803 (Jira's names)
    issue = visible_issue(ctx, issueIdOrKey)
    if globalId is not None:
        return link_json(ctx, issue, service.find_by_global_id(ctx.db, issue, globalId))
    return [link_json(ctx, issue, link) for link in service.list_links(ctx.db, issue)]


@router.post("/issue/{issueIdOrKey}/remotelink", status_code=201)
def create_or_update(issueIdOrKey: str, ctx: UserCtx, body: Any = JsonBody) -> JiraJSONResponse:  # noqa: N803
    issue = visible_issue(ctx, issueIdOrKey)
    service.require_link_permission(ctx, issue)
    link, created = service.create_or_update(ctx.db, issue, body)
    return JiraJSONResponse(link_ref(ctx, issue, link), status_code=201 if created else 200)


@router.delete("/issue/{issueIdOrKey}/remotelink", status_code=204)
def delete_by_global_id(issueIdOrKey: str, ctx: UserCtx, globalId: str | None = None) -> Response:  # noqa: N803
    issue = visible_issue(ctx, issueIdOrKey)
    if not globalId:
        raise BadRequest(errors={"globalId": "'globalId' is required."})
    service.require_link_permission(ctx, issue)
    service.delete_link(ctx.db, issue, service.find_by_global_id(ctx.db, issue, globalId))
    return Response(status_code=204)


@router.get("/issue/{issueIdOrKey}/remotelink/{linkId}")
def get_link(issueIdOrKey: str, linkId: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    issue = visible_issue(ctx, issueIdOrKey)
    return link_json(ctx, issue, service.get_link(ctx.db, issue, linkId))


@router.put("/issue/{issueIdOrKey}/remotelink/{linkId}", status_code=204)
def update_link(issueIdOrKey: str, linkId: str, ctx: UserCtx, body: Any = JsonBody) -> Response:  # noqa: N803
    issue = visible_issue(ctx, issueIdOrKey)
    service.require_link_permission(ctx, issue)
    service.replace(ctx.db, issue, service.get_link(ctx.db, issue, linkId), body)
    return Response(status_code=204)


@router.delete("/issue/{issueIdOrKey}/remotelink/{linkId}", status_code=204)
def delete_link(issueIdOrKey: str, linkId: str, ctx: UserCtx) -> Response:  # noqa: N803
    issue = visible_issue(ctx, issueIdOrKey)
    service.require_link_permission(ctx, issue)
    service.delete_link(ctx.db, issue, service.get_link(ctx.db, issue, linkId))
    return Response(status_code=204)
