"""HTTP of issue links (/issueLink) and the writes of issue link types (/issueLinkType; reads are in issueconfig)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Response

from ticketry.core.deps import AdminCtx, Ctx, UserCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import config as audit
from ticketry.platform.issueconfig.render import link_type_json
from ticketry.platform.issueconfig.service import get_link_type
from ticketry.platform.links import service, types
from ticketry.platform.links.render import link_json

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["issue links"])

JsonBody = Body(default=None)


@router.post("/issueLink", status_code=201)
def link_issues(ctx: UserCtx, body: Any = JsonBody) -> Response:
    link = service.link_issues(ctx, body)
    return Response(status_code=201, headers={"Location": ctx.api(f"issueLink/{link.id}")})


@router.get("/issueLink/{linkId}")
def get_link(linkId: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803 (Jira's name)
    return link_json(ctx, *service.get_link(ctx, linkId))


@router.delete("/issueLink/{linkId}", status_code=204)
def delete_link(linkId: str, ctx: UserCtx) -> Response:  # noqa: N803
    service.delete_link(ctx, linkId)
    return Response(status_code=204)


@router.post("/issueLinkType", status_code=201)
def create_link_type(ctx: AdminCtx, body: Any = JsonBody) -> dict[str, Any]:
    link_type = types.create_link_type(ctx.db, body)
    audit.link_type_created(ctx, link_type)
    return link_type_json(ctx, link_type)


@router.put("/issueLinkType/{issueLinkTypeId}")
def update_link_type(issueLinkTypeId: str, ctx: AdminCtx, body: Any = JsonBody) -> dict[str, Any]:  # noqa: N803
    before = audit.link_type_snapshot(get_link_type(ctx.db, issueLinkTypeId))
    link_type = types.update_link_type(ctx.db, issueLinkTypeId, body)
    audit.link_type_updated(ctx, before, link_type)
    return link_type_json(ctx, link_type)


@router.delete("/issueLinkType/{issueLinkTypeId}", status_code=204)
def delete_link_type(issueLinkTypeId: str, ctx: AdminCtx) -> Response:  # noqa: N803
    item = audit.link_type_item(get_link_type(ctx.db, issueLinkTypeId))
    types.delete_link_type(ctx.db, issueLinkTypeId)
    audit.link_type_deleted(ctx, item)
    return Response(status_code=204)

