"""HTTP of /rest/api/2/filter: saved filters, favourites, share permissions, columns, default share scope."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request, Response

from ticketry.core.deps import Ctx, UserCtx
from ticketry.core.errors import BadRequest
from ticketry.core.expand import Expand
from ticketry.core.routing import JiraRoute
from ticketry.platform.filters import columns, preferences, service
from ticketry.platform.filters.render import filter_json, filters_json, shares_json
from ticketry.platform.filters.schemas import FilterInput, ShareInput, ShareScopeInput
from ticketry.platform.users.inputs import RawBody, parse_body

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["filters"])


def _changes(body: FilterInput) -> service.FilterChanges:
    return service.FilterChanges(name=body.name, description=body.description, jql=body.jql,
                                 favourite=body.favourite, share_permissions=body.sharePermissions)


@router.get("/filter")
def list_filters(ctx: Ctx, expand: str | None = None) -> list[dict[str, Any]]:
    return filters_json(ctx, service.visible_filters(ctx.db, ctx.user), Expand(expand))


@router.post("/filter")
def create_filter(ctx: UserCtx, raw: RawBody, expand: str | None = None) -> dict[str, Any]:
    assert ctx.user is not None
    body = parse_body(FilterInput, raw)
    search_filter = service.create_filter(ctx.db, ctx.user, _changes(body))
    return filter_json(ctx, search_filter, Expand(expand))


@router.get("/filter/defaultShareScope")
def get_default_share_scope(ctx: UserCtx) -> dict[str, str]:
    assert ctx.user is not None
    return {"scope": preferences.default_share_scope(ctx.db, ctx.user)}


@router.put("/filter/defaultShareScope")
def set_default_share_scope(ctx: UserCtx, raw: RawBody) -> dict[str, str]:
    assert ctx.user is not None
    body = parse_body(ShareScopeInput, raw)
    return {"scope": preferences.set_default_share_scope(ctx.db, ctx.user, body.scope)}


@router.get("/filter/favourite")
def list_favourite_filters(ctx: Ctx, expand: str | None = None) -> list[dict[str, Any]]:
    return filters_json(ctx, service.favourite_filters(ctx.db, ctx.user), Expand(expand))


@router.get("/filter/my")
def list_my_filters(ctx: Ctx, expand: str | None = None,
                    includeFavourites: bool = False) -> list[dict[str, Any]]:  # noqa: N803
    found = service.my_filters(ctx.db, ctx.user, include_favourites=includeFavourites)
    return filters_json(ctx, found, Expand(expand))


@router.get("/filter/{id}")
def get_filter(id: str, ctx: Ctx, expand: str | None = None) -> dict[str, Any]:  # noqa: A002
    return filter_json(ctx, service.find_visible(ctx.db, ctx.user, id), Expand(expand))


@router.put("/filter/{id}")
def update_filter(id: str, ctx: UserCtx, raw: RawBody, expand: str | None = None) -> dict[str, Any]:  # noqa: A002
    assert ctx.user is not None
    search_filter = service.find_visible(ctx.db, ctx.user, id)
    body = parse_body(FilterInput, raw)
    service.update_filter(ctx.db, ctx.user, search_filter, _changes(body))
    return filter_json(ctx, search_filter, Expand(expand))


@router.delete("/filter/{id}", status_code=204)
def delete_filter(id: str, ctx: UserCtx) -> Response:  # noqa: A002
    assert ctx.user is not None
    service.delete_filter(ctx.db, ctx.user, service.find_visible(ctx.db, ctx.user, id))
    return Response(status_code=204)


@router.put("/filter/{id}/favourite")
def add_favourite(id: str, ctx: UserCtx, expand: str | None = None) -> dict[str, Any]:  # noqa: A002
    assert ctx.user is not None
    search_filter = service.find_visible(ctx.db, ctx.user, id)
    service.set_favourite(ctx.db, ctx.user, search_filter, True)
    return filter_json(ctx, search_filter, Expand(expand))


@router.delete("/filter/{id}/favourite")
def remove_favourite(id: str, ctx: UserCtx, expand: str | None = None) -> dict[str, Any]:  # noqa: A002
    assert ctx.user is not None
    search_filter = service.find_visible(ctx.db, ctx.user, id)
    service.set_favourite(ctx.db, ctx.user, search_filter, False)
    return filter_json(ctx, search_filter, Expand(expand))


@router.get("/filter/{id}/permission")
def list_share_permissions(id: str, ctx: UserCtx) -> list[dict[str, Any]]:  # noqa: A002
    search_filter = service.find_visible(ctx.db, ctx.user, id)
    return shares_json(ctx, service.shares_of(ctx.db, [search_filter.id]))


@router.post("/filter/{id}/permission", status_code=201)
def add_share_permission(id: str, ctx: UserCtx, raw: RawBody) -> list[dict[str, Any]]:  # noqa: A002
    assert ctx.user is not None
    search_filter = service.find_visible(ctx.db, ctx.user, id)
    body = parse_body(ShareInput, raw)
    service.add_share(ctx.db, ctx.user, search_filter, body.model_dump(exclude_none=True))
    return shares_json(ctx, service.shares_of(ctx.db, [search_filter.id]))


@router.get("/filter/{id}/permission/{permissionId}")
def get_share_permission(id: str, permissionId: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: A002, N803
    search_filter = service.find_visible(ctx.db, ctx.user, id)
    share = service.get_share(ctx.db, search_filter, permissionId)
    return shares_json(ctx, [share])[0]


@router.delete("/filter/{id}/permission/{permissionId}", status_code=204)
def delete_share_permission(id: str, permissionId: str, ctx: UserCtx) -> Response:  # noqa: A002, N803
    assert ctx.user is not None
    search_filter = service.find_visible(ctx.db, ctx.user, id)
    service.remove_share(ctx.db, ctx.user, search_filter, permissionId)
    return Response(status_code=204)


@router.get("/filter/{id}/columns")
def get_columns(id: str, ctx: Ctx) -> list[dict[str, str]]:  # noqa: A002
    search_filter = service.find_visible(ctx.db, ctx.user, id)
    return [{"label": label, "value": value} for label, value in columns.column_labels(ctx.db, search_filter)]


@router.put("/filter/{id}/columns")
async def set_columns(id: str, ctx: UserCtx, request: Request) -> Response:  # noqa: A002
    assert ctx.user is not None
    search_filter = service.find_visible(ctx.db, ctx.user, id)
    columns.set_columns(ctx.db, ctx.user, search_filter, await _read_columns(request))
    return Response(status_code=200)


@router.delete("/filter/{id}/columns", status_code=204)
def reset_columns(id: str, ctx: UserCtx) -> Response:  # noqa: A002
    assert ctx.user is not None
    columns.reset_columns(ctx.db, ctx.user, service.find_visible(ctx.db, ctx.user, id))
    return Response(status_code=204)


async def _read_columns(request: Request) -> list[str]:
    """Form fields `columns` (repeated), or a JSON list (or {"columns": [...]})."""
    if "json" in request.headers.get("content-type", ""):
        try:
            data = orjson.loads(await request.body() or b"null")
        except orjson.JSONDecodeError:
            raise BadRequest("Unexpected character in the request body: the body is not valid JSON.") from None
        if isinstance(data, dict):
            data = data.get("columns")
        if not isinstance(data, list) or not all(isinstance(c, str) for c in data):
            raise BadRequest(errors={"columns": "The columns must be a list of field ids."})
        return data
    form = await request.form()
    return [str(v) for v in form.getlist("columns")]
