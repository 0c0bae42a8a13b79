"""Issue constants: status categories, statuses, priorities, resolutions, issue and link types.

Any logged-in user may read them. Anonymous callers are refused (401) until anonymous browsing exists.
Issue types are administered in issue_type_routes.py, their properties in property_routes.py.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ticketry.core.deps import UserCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.issueconfig import service
from ticketry.platform.issueconfig.issue_type_routes import router as issue_type_router
from ticketry.platform.issueconfig.property_routes import router as property_router
from ticketry.platform.issueconfig.render import (
    issue_type_json,
    link_type_json,
    priority_json,
    resolution_json,
    status_category_json,
    status_json,
)

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["issue constants"])
router.include_router(property_router)
router.include_router(issue_type_router)


@router.get("/statuscategory")
def status_categories(ctx: UserCtx) -> list[dict[str, Any]]:
    return [status_category_json(ctx, c) for c in service.list_status_categories(ctx.db)]


@router.get("/statuscategory/{idOrKey}")
def status_category(ctx: UserCtx, idOrKey: str) -> dict[str, Any]:  # noqa: N803 (Jira's name)
    return status_category_json(ctx, service.get_status_category(ctx.db, idOrKey))


@router.get("/status")
def statuses(ctx: UserCtx) -> list[dict[str, Any]]:
    return [status_json(ctx, s, c) for s, c in service.list_statuses(ctx.db)]


@router.get("/status/{idOrName}")
def status(ctx: UserCtx, idOrName: str) -> dict[str, Any]:  # noqa: N803 (Jira's name)
    found, category = service.get_status(ctx.db, idOrName)
    return status_json(ctx, found, category)


@router.get("/priority")
def priorities(ctx: UserCtx) -> list[dict[str, Any]]:
    return [priority_json(ctx, p) for p in service.list_priorities(ctx.db)]


@router.get("/priority/{id}")
def priority(ctx: UserCtx, id: str) -> dict[str, Any]:  # noqa: A002 (Jira's name)
    return priority_json(ctx, service.get_priority(ctx.db, id))


@router.get("/resolution")
def resolutions(ctx: UserCtx) -> list[dict[str, Any]]:
    return [resolution_json(ctx, r) for r in service.list_resolutions(ctx.db)]


@router.get("/resolution/{id}")
def resolution(ctx: UserCtx, id: str) -> dict[str, Any]:  # noqa: A002 (Jira's name)
    return resolution_json(ctx, service.get_resolution(ctx.db, id))


@router.get("/issuetype")
def issue_types(ctx: UserCtx) -> list[dict[str, Any]]:
    return [issue_type_json(ctx, t) for t in service.list_issue_types(ctx.db)]


@router.get("/issuetype/{id}")
def issue_type(ctx: UserCtx, id: str) -> dict[str, Any]:  # noqa: A002 (Jira's name)
    return issue_type_json(ctx, service.get_issue_type(ctx.db, id))


@router.get("/issueLinkType")
def link_types(ctx: UserCtx) -> dict[str, Any]:
    return {"issueLinkTypes": [link_type_json(ctx, t) for t in service.list_link_types(ctx.db)]}


@router.get("/issueLinkType/{issueLinkTypeId}")
def link_type(ctx: UserCtx, issueLinkTypeId: str) -> dict[str, Any]:  # noqa: N803 (Jira's name)
    return link_type_json(ctx, service.get_link_type(ctx.db, issueLinkTypeId))
