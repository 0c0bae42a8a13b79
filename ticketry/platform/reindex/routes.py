"""The reindex endpoints: /reindex, /reindex/progress, /reindex/issue and /reindex/request (admin only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ticketry.core.deps import AdminCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.reindex import service
from ticketry.platform.reindex.render import progress_json, request_json

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["reindex"])


@router.post("/reindex", status_code=202)
def reindex(ctx: AdminCtx, type: str | None = None, indexComments: bool = False,  # noqa: A002, N803
            indexChangeHistory: bool = False, indexWorklogs: bool = False) -> dict[str, Any]:  # noqa: N803
    options = service.Options(indexComments, indexChangeHistory, indexWorklogs)
    return progress_json(service.reindex_all(ctx.db, ctx.user, type, options))


@router.get("/reindex")
def reindex_info(ctx: AdminCtx, taskId: str | None = None) -> dict[str, Any]:  # noqa: N803
    return progress_json(service.progress(ctx.db, taskId))


@router.get("/reindex/progress")
def reindex_progress(ctx: AdminCtx, taskId: str | None = None) -> dict[str, Any]:  # noqa: N803
    return progress_json(service.progress(ctx.db, taskId))


@router.post("/reindex/issue")
def reindex_issues(ctx: AdminCtx, issueId: Annotated[list[str] | None, Query()] = None,  # noqa: N803
                   indexComments: bool = False, indexChangeHistory: bool = False,  # noqa: N803
                   indexWorklogs: bool = False) -> dict[str, Any]:  # noqa: N803
    options = service.Options(indexComments, indexChangeHistory, indexWorklogs)
    return progress_json(service.reindex_issues(ctx.db, ctx.user, issueId or [], options))


@router.post("/reindex/request")
def process_requests(ctx: AdminCtx) -> list[int]:
    return service.process_pending(ctx.db)


@router.get("/reindex/request/bulk")
def request_progress_bulk(ctx: AdminCtx,
                          requestId: Annotated[list[str] | None, Query()] = None) -> list[dict[str, Any]]:  # noqa: N803
    return [request_json(task) for task in service.requests(ctx.db, requestId or [])]


@router.get("/reindex/request/{requestId}")
def request_progress(requestId: str, ctx: AdminCtx) -> dict[str, Any]:  # noqa: N803
    return request_json(service.request(ctx.db, requestId))
