"""/rest/api/2/component and the component listings of a project."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Query, Response

from ticketry.core.context import RequestContext
from ticketry.core.deps import Ctx, UserCtx
from ticketry.core.pagination import check_window, page
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import projects as audit
from ticketry.platform.components import service
from ticketry.platform.components.render import component_json, components_json
from ticketry.platform.components.schemas import ComponentIn
from ticketry.platform.components.service import check_start_at, lookup_project

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["components"])

PAGE_LIMIT = 50


@router.post("/component", status_code=201)
def create_component(ctx: UserCtx, body: Annotated[ComponentIn, Body()]) -> dict[str, Any]:
    service.administered_project_of(ctx, body.project, body.projectId)
    component = service.create_component(ctx.db, body)
    audit.component_created(ctx, component)
    return component_json(ctx, component)


@router.get("/component/{component_id}")
def get_component(ctx: Ctx, component_id: str) -> dict[str, Any]:
    return component_json(ctx, service.visible_component(ctx, component_id))


@router.put("/component/{component_id}")
def update_component(ctx: UserCtx, component_id: str, body: Annotated[ComponentIn, Body()]) -> dict[str, Any]:
    component = service.administered_component(ctx, component_id)
    before = audit.component_snapshot(ctx.db, component)
    service.update_component(ctx.db, component, body)
    audit.component_updated(ctx, before, component)
    return component_json(ctx, component)


@router.delete("/component/{component_id}", status_code=204)
def delete_component(ctx: UserCtx, component_id: str, moveIssuesTo: str | None = None) -> Response:
    component = service.administered_component(ctx, component_id)
    item, project = audit.component_item(component), lookup_project(ctx.db, component.project_id)
    service.delete_component(ctx.db, component, moveIssuesTo)
    audit.component_deleted(ctx, item, project)
    return Response(status_code=204)



@router.get("/component/{component_id}/relatedIssueCounts")
def related_issue_counts(ctx: Ctx, component_id: str) -> dict[str, Any]:
    component = service.visible_component(ctx, component_id)
    return {"self": ctx.api(f"component/{component.id}"), "issueCount": service.issue_count(ctx.db, component.id)}


@router.get("/project/{project_ref}/components")
def project_components(ctx: Ctx, project_ref: str) -> list[dict[str, Any]]:
    project = service.viewable_project(ctx, project_ref)
    return components_json(ctx, service.project_components(ctx.db, project), project)


@router.get("/project/{project_ref}/component")
def project_components_paged(
    ctx: Ctx,
    project_ref: str,
    startAt: Annotated[int, Query()] = 0,
    maxResults: Annotated[int, Query()] = PAGE_LIMIT,
    orderBy: str | None = None,
    query: str | None = None,
) -> dict[str, Any]:
    project = service.viewable_project(ctx, project_ref)
    start_at, max_results = check_window(check_start_at(startAt), maxResults, cap=PAGE_LIMIT)
    found = service.page_components(ctx.db, project, start_at=start_at, max_results=max_results,
                                    order_by=orderBy, query=query)
    values = components_json(ctx, found.components, project, found.counts)
    params: dict[str, Any] = {"orderBy": orderBy, "query": query}
    body = page(values, start_at=start_at, max_results=max_results, total=found.total,
                self_url=_page_url(ctx, project_ref, start_at, max_results, params))
    if not body["isLast"] and max_results > 0:
        body = {"self": body["self"], "nextPage": _page_url(ctx, project_ref, start_at + max_results,
                                                            max_results, params),
                **{k: v for k, v in body.items() if k != "self"}}
    return body


def _page_url(ctx: RequestContext, project_ref: str, start_at: int, max_results: int, extra: dict[str, Any]) -> str:
    params = {"startAt": start_at, "maxResults": max_results, **{k: v for k, v in extra.items() if v}}
    return ctx.api(f"project/{project_ref}/component?{urlencode(params)}")
