"""JSON of dashboards: {id, name, self, view} and the paged list with prev/next links."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from ticketry.core.context import RequestContext
from ticketry.platform.dashboards.models import Dashboard


def dashboard_json(ctx: RequestContext, dashboard: Dashboard) -> dict[str, Any]:
    return {
        "id": str(dashboard.id),
        "name": dashboard.name,
        "self": ctx.api(f"dashboard/{dashboard.id}"),
        "view": ctx.url(f"/secure/Dashboard.jspa?selectPageId={dashboard.id}"),
    }


def _page_link(ctx: RequestContext, list_filter: str | None, start_at: int, max_results: int) -> str:
    params: dict[str, Any] = {"filter": list_filter} if list_filter else {}
    params.update(startAt=start_at, maxResults=max_results)
    return ctx.api("dashboard") + "?" + urlencode(params)


def dashboards_json(ctx: RequestContext, dashboards: list[Dashboard], *, list_filter: str | None,
                    start_at: int, max_results: int, total: int) -> dict[str, Any]:
    body: dict[str, Any] = {"startAt": start_at, "maxResults": max_results, "total": total}
    if start_at > 0 and max_results > 0:
        body["prev"] = _page_link(ctx, list_filter, max(start_at - max_results, 0), max_results)
    if max_results > 0 and start_at + max_results < total:
        body["next"] = _page_link(ctx, list_filter, start_at + max_results, max_results)
    body["dashboards"] = [dashboard_json(ctx, d) for d in dashboards]
    return body
