"""/rest/api/2/version and the version listings of a project."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Query, Response

from ticketry.core.context import RequestContext
from ticketry.core.deps import Ctx, UserCtx
from ticketry.core.expand import Expand
from ticketry.core.pagination import check_window, page
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import projects as audit
from ticketry.platform.components.service import administered_project_of, check_start_at, viewable_project
from ticketry.platform.versions import relinking, service
from ticketry.platform.versions.remotelink_routes import router as remotelink_router
from ticketry.platform.versions.render import version_json, versions_json
from ticketry.platform.versions.schemas import RemoveAndSwapIn, VersionIn, VersionMoveIn

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["versions"])
# /version/remotelink must be matched before /version/{version_id}.
router.include_router(remotelink_router)

PAGE_LIMIT = 50


@router.post("/version", status_code=201)
def create_version(ctx: UserCtx, body: Annotated[VersionIn, Body()]) -> dict[str, Any]:
    administered_project_of(ctx, body.project, body.projectId)
    version = service.create_version(ctx.db, body)
    audit.version_created(ctx, version)
    return version_json(ctx, version)


@router.get("/version/{version_id}")
def get_version(ctx: Ctx, version_id: str, expand: str | None = None) -> dict[str, Any]:
    return version_json(ctx, service.visible_version(ctx, version_id), expand=Expand(expand))


@router.put("/version/{version_id}")
def update_version(ctx: UserCtx, version_id: str, body: Annotated[VersionIn, Body()]) -> dict[str, Any]:
    version = service.administered_version(ctx, version_id)
    before = audit.version_snapshot(version)
    service.update_version(ctx.db, version, body)
    audit.version_updated(ctx, before, version)
    return version_json(ctx, version)


@router.delete("/version/{version_id}", status_code=204)
def delete_version(ctx: UserCtx, version_id: str, moveFixIssuesTo: str | None = None,
                   moveAffectedIssuesTo: str | None = None) -> Response:
    version = service.administered_version(ctx, version_id)
    fix_to = relinking.swap_target(ctx.db, version, moveFixIssuesTo, "moveFixIssuesTo")
    affected_to = relinking.swap_target(ctx.db, version, moveAffectedIssuesTo, "moveAffectedIssuesTo")
    _delete_audited(ctx, version, fix_to, affected_to)
    return Response(status_code=204)


def _delete_audited(ctx: RequestContext, version: Any, fix_to: Any, affected_to: Any) -> None:
    item, project = audit.version_item(version), audit.version_project(ctx.db, version)
    relinking.delete_version(ctx.db, version, fix_to, affected_to)
    audit.version_deleted(ctx, item, project)


@router.post("/version/{version_id}/removeAndSwap", status_code=204)
def remove_and_swap(ctx: UserCtx, version_id: str, body: Annotated[RemoveAndSwapIn, Body()]) -> Response:
    version = service.administered_version(ctx, version_id)
    fix_to = relinking.swap_target(ctx.db, version, body.moveFixIssuesTo, "moveFixIssuesTo")
    affected_to = relinking.swap_target(ctx.db, version, body.moveAffectedIssuesTo, "moveAffectedIssuesTo")
    _delete_audited(ctx, version, fix_to, affected_to)
    return Response(status_code=204)


@router.put("/version/{version_id}/mergeto/{move_issues_to}", status_code=204)
def merge_version(ctx: UserCtx, version_id: str, move_issues_to: str) -> Response:
    version = service.administered_version(ctx, version_id)
    item, before = audit.version_item(version), audit.version_snapshot(version)
    project = audit.version_project(ctx.db, version)
    relinking.merge_version(ctx.db, version, move_issues_to)
    target_id = relinking.version_id_from_ref(move_issues_to)
    assert target_id is not None  # merge_version refused any other reference
    audit.version_merged(ctx, item, before, service.get_version(ctx.db, target_id), project)

    return Response(status_code=204)



@router.post("/version/{version_id}/move")
def move_version(ctx: UserCtx, version_id: str, body: Annotated[VersionMoveIn, Body()]) -> dict[str, Any]:
    version = service.administered_version(ctx, version_id)
    return version_json(ctx, relinking.move_version(ctx.db, version, body.position, body.after))


@router.get("/version/{version_id}/relatedIssueCounts")
def related_issue_counts(ctx: Ctx, version_id: str) -> dict[str, Any]:
    version = service.visible_version(ctx, version_id)
    counts = relinking.link_counts(ctx.db, version.id)
    return {
        "self": ctx.api(f"version/{version.id}"),
        "issuesFixedCount": counts[relinking.FIX],
        "issuesAffectedCount": counts[relinking.AFFECTS],
        "issueCountWithCustomFieldsShowingVersion": 0,
        "customFieldUsage": [],
    }


@router.get("/version/{version_id}/unresolvedIssueCount")
def unresolved_issue_count(ctx: Ctx, version_id: str) -> dict[str, Any]:
    version = service.visible_version(ctx, version_id)
    unresolved, total = relinking.unresolved_counts(ctx.db, version.id)
    return {"self": ctx.api(f"version/{version.id}"), "issuesUnresolvedCount": unresolved, "issuesCount": total}


@router.get("/project/{project_ref}/versions")
def project_versions(ctx: Ctx, project_ref: str, expand: str | None = None) -> list[dict[str, Any]]:
    project = viewable_project(ctx, project_ref)
    return versions_json(ctx, service.project_versions(ctx.db, project), project, Expand(expand))


@router.get("/project/{project_ref}/version")
def project_versions_paged(
    ctx: Ctx,
    project_ref: str,
    startAt: Annotated[int, Query()] = 0,
    maxResults: Annotated[int, Query()] = PAGE_LIMIT,
    orderBy: str | None = None,
    query: str | None = None,
    status: str | None = None,
    expand: str | None = None,
) -> dict[str, Any]:
    project = viewable_project(ctx, project_ref)
    start_at, max_results = check_window(check_start_at(startAt), maxResults)
    found = service.page_versions(ctx.db, project, start_at=start_at, max_results=max_results,
                                  order_by=orderBy, query=query, status=status)
    values = versions_json(ctx, found.versions, project, Expand(expand))
    params = {"orderBy": orderBy, "query": query, "status": status, "expand": expand}
    body = page(values, start_at=start_at, max_results=max_results, total=found.total,
                self_url=_page_url(ctx, project_ref, start_at, max_results, params))
    if not body["isLast"] and max_results > 0:
        next_url = _page_url(ctx, project_ref, start_at + max_results, max_results, params)
        body = {"self": body["self"], "nextPage": next_url, **{k: v for k, v in body.items() if k != "self"}}
    return body


def _page_url(ctx: RequestContext, project_ref: str, start_at: int, max_results: int,
              extra: dict[str, str | None]) -> str:
    params: dict[str, Any] = {"startAt": start_at, "maxResults": max_results}
    params.update({k: v for k, v in extra.items() if v})
    return ctx.api(f"project/{project_ref}/version?{urlencode(params)}")
