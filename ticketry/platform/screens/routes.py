"""HTTP of screens: tabs, the fields on them, and adding a field to the default screen."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Response

from ticketry.core.deps import AdminCtx, UserCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import config as audit
from ticketry.platform.screens import service
from ticketry.platform.screens.render import field_json, tab_json

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2/screens", tags=["screens"])

JsonBody = Body(default=None)


def _created() -> Response:
    return Response(status_code=201)


def _object(body: Any) -> dict[str, Any]:
    return body if isinstance(body, dict) else {}


@router.get("/{screenId}/availableFields")
def available_fields(screenId: str, ctx: UserCtx) -> list[dict[str, Any]]:  # noqa: N803
    service.check_reader(ctx.db, ctx.user, None)
    return [field_json(f) for f in service.available_fields(ctx.db, screenId)]


@router.get("/{screenId}/tabs")
def list_tabs(screenId: str, ctx: UserCtx, projectKey: str | None = None) -> list[dict[str, Any]]:  # noqa: N803
    service.check_reader(ctx.db, ctx.user, projectKey)
    return [tab_json(t) for t in service.list_tabs(ctx.db, screenId)]


@router.post("/{screenId}/tabs")
def add_tab(screenId: str, ctx: AdminCtx, body: Any = JsonBody) -> dict[str, Any]:  # noqa: N803
    with audit.screen_change(ctx, screenId):
        return tab_json(service.add_tab(ctx.db, screenId, _object(body).get("name")))


@router.put("/{screenId}/tabs/{tabId}")
def rename_tab(screenId: str, tabId: str, ctx: AdminCtx, body: Any = JsonBody) -> dict[str, Any]:  # noqa: N803
    with audit.screen_change(ctx, screenId):
        return tab_json(service.rename_tab(ctx.db, screenId, tabId, _object(body).get("name")))


@router.delete("/{screenId}/tabs/{tabId}")
def delete_tab(screenId: str, tabId: str, ctx: AdminCtx) -> Response:  # noqa: N803
    with audit.screen_change(ctx, screenId):
        service.delete_tab(ctx.db, screenId, tabId)
    return _created()


@router.post("/{screenId}/tabs/{tabId}/move/{pos}")
def move_tab(screenId: str, tabId: str, pos: str, ctx: AdminCtx) -> Response:  # noqa: N803
    with audit.screen_change(ctx, screenId):
        service.move_tab(ctx.db, screenId, tabId, pos)
    return _created()


@router.get("/{screenId}/tabs/{tabId}/fields")
def tab_fields(screenId: str, tabId: str, ctx: UserCtx,  # noqa: N803
               projectKey: str | None = None) -> list[dict[str, Any]]:  # noqa: N803
    service.check_reader(ctx.db, ctx.user, projectKey)
    return [field_json(f) for f in service.tab_fields(ctx.db, screenId, tabId)]


@router.post("/{screenId}/tabs/{tabId}/fields")
def add_field(screenId: str, tabId: str, ctx: AdminCtx, body: Any = JsonBody) -> dict[str, Any]:  # noqa: N803
    with audit.screen_change(ctx, screenId):
        return field_json(service.add_field(ctx.db, screenId, tabId, _object(body).get("fieldId")))


@router.delete("/{screenId}/tabs/{tabId}/fields/{fieldId}")
def remove_field(screenId: str, tabId: str, fieldId: str, ctx: AdminCtx) -> Response:  # noqa: N803
    with audit.screen_change(ctx, screenId):
        service.remove_field(ctx.db, screenId, tabId, fieldId)
    return _created()


@router.post("/{screenId}/tabs/{tabId}/fields/{fieldId}/move")
def move_field(screenId: str, tabId: str, fieldId: str, ctx: AdminCtx,  # noqa: N803
               body: Any = JsonBody) -> Response:
    data = _object(body)
    with audit.screen_change(ctx, screenId):
        service.move_field(ctx.db, screenId, tabId, fieldId, position=data.get("position"), after=data.get("after"))
    return _created()


@router.post("/addToDefault/{fieldId}")
def add_to_default(fieldId: str, ctx: AdminCtx) -> Response:  # noqa: N803
    with audit.screen_change(ctx, service.DEFAULT_SCREEN):
        service.add_to_default(ctx.db, fieldId)
    return _created()

