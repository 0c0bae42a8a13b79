"""HTTP of /rest/api/2/dashboard (list, get, item properties) and our own /rest/ticketry/1/dashboard
(create, delete, favourite), since the v2 API cannot create dashboards."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from ticketry.core.deps import Ctx, UserCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.dashboards import service
from ticketry.platform.dashboards.render import dashboard_json, dashboards_json
from ticketry.platform.dashboards.schemas import DashboardBody
from ticketry.platform.properties import service as properties
from ticketry.platform.properties.body import JsonValue
from ticketry.platform.users.inputs import RawBody, parse_body, window

ENTITY = service.ENTITY_TYPE

api = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["dashboards"])
own = APIRouter(route_class=JiraRoute, prefix="/rest/ticketry/1", tags=["dashboards"])


@api.get("/dashboard")
def list_dashboards(ctx: Ctx, filter: str | None = None, startAt: int = 0,  # noqa: A002, N803
                    maxResults: int = 20) -> dict[str, Any]:  # noqa: N803
    start_at, max_results = window(startAt, maxResults)
    found, total = service.list_dashboards(ctx.db, ctx.user, filter, start_at, max_results)
    return dashboards_json(ctx, found, list_filter=filter, start_at=start_at, max_results=max_results,
                           total=total)


@api.get("/dashboard/{id}")
def get_dashboard(id: str, ctx: Ctx) -> dict[str, Any]:  # noqa: A002
    return dashboard_json(ctx, service.find_visible(ctx.db, ctx.user, id))


def _properties_url(ctx: Ctx, dashboard_id: str, item_id: str) -> str:
    return ctx.api(f"dashboard/{dashboard_id}/items/{item_id}/properties")


@api.get("/dashboard/{dashboardId}/items/{itemId}/properties")
def property_keys(dashboardId: str, itemId: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    entity_id = service.item_entity_id(ctx.db, ctx.user, dashboardId, itemId)
    base = _properties_url(ctx, *entity_id.split(":"))
    return properties.keys_json(base, properties.list_keys(ctx.db, ENTITY, entity_id))


@api.get("/dashboard/{dashboardId}/items/{itemId}/properties/{propertyKey}")
def get_property(dashboardId: str, itemId: str, propertyKey: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    entity_id = service.item_entity_id(ctx.db, ctx.user, dashboardId, itemId)
    return properties.property_json(properties.get_property(ctx.db, ENTITY, entity_id, propertyKey))


def _writable_item(dashboardId: str, itemId: str, ctx: Ctx) -> str:  # noqa: N803
    """Resolved before the body is read, so a caller who may not write gets 401/403 even for a broken body."""
    return service.item_entity_id(ctx.db, ctx.user, dashboardId, itemId, write=True)


WritableItem = Annotated[str, Depends(_writable_item)]


@api.put("/dashboard/{dashboardId}/items/{itemId}/properties/{propertyKey}")
def set_property(propertyKey: str, ctx: Ctx, entity_id: WritableItem, value: JsonValue) -> Response:  # noqa: N803
    created = properties.set_property(ctx.db, ENTITY, entity_id, propertyKey, value)
    return Response(status_code=201 if created else 200)


@api.delete("/dashboard/{dashboardId}/items/{itemId}/properties/{propertyKey}", status_code=204)
def delete_property(propertyKey: str, ctx: Ctx, entity_id: WritableItem) -> Response:  # noqa: N803
    properties.delete_property(ctx.db, ENTITY, entity_id, propertyKey)
    return Response(status_code=204)


@own.post("/dashboard", status_code=201)
def create_dashboard(ctx: UserCtx, raw: RawBody) -> dict[str, Any]:
    assert ctx.user is not None
    body = parse_body(DashboardBody, raw)
    data = service.DashboardInput(body.name, body.description, body.sharePermissions)
    return dashboard_json(ctx, service.create_dashboard(ctx.db, ctx.user, data))


@own.delete("/dashboard/{id}", status_code=204)
def delete_dashboard(id: str, ctx: UserCtx) -> Response:  # noqa: A002
    assert ctx.user is not None
    service.delete_dashboard(ctx.db, ctx.user, service.find_visible(ctx.db, ctx.user, id))
    return Response(status_code=204)


@own.put("/dashboard/{id}/favourite")
def add_favourite(id: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: A002
    assert ctx.user is not None
    dashboard = service.find_visible(ctx.db, ctx.user, id)
    service.set_favourite(ctx.db, ctx.user, dashboard, True)
    return dashboard_json(ctx, dashboard)


@own.delete("/dashboard/{id}/favourite", status_code=204)
def remove_favourite(id: str, ctx: UserCtx) -> Response:  # noqa: A002
    assert ctx.user is not None
    service.set_favourite(ctx.db, ctx.user, service.find_visible(ctx.db, ctx.user, id), False)
    return Response(status_code=204)


router = APIRouter(route_class=JiraRoute)
router.include_router(api)
router.include_router(own)
