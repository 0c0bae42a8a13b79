"""/rest/api/2/version/.../remotelink: remote version links."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Response

from ticketry.core.deps import Ctx, UserCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.projects.visibility import may_view
from ticketry.platform.versions import remotelinks, service
from ticketry.platform.versions.render import remote_link_json

router = APIRouter(route_class=JiraRoute)

Payload = Annotated[Any, Body()]


@router.get("/version/remotelink")
def links_by_global_id(ctx: Ctx, globalId: str | None = None) -> dict[str, Any]:
    found = remotelinks.links_by_global_id(ctx.db, globalId or "")
    return {"links": [remote_link_json(ctx, link, version) for link, version in found
                      if may_view(ctx, version.project_id)]}


@router.get("/version/{version_id}/remotelink")
def version_links(ctx: Ctx, version_id: str) -> dict[str, Any]:
    version = service.visible_version(ctx, version_id)
    return {"links": [remote_link_json(ctx, link, version) for link in remotelinks.links_of_version(ctx.db, version)]}


@router.post("/version/{version_id}/remotelink", status_code=201)
def create_link(ctx: UserCtx, version_id: str, payload: Payload = None) -> Response:
    version = service.administered_version(ctx, version_id)
    link = remotelinks.put_link(ctx.db, version, payload)
    return _created(remote_link_json(ctx, link, version)["self"])


@router.delete("/version/{version_id}/remotelink", status_code=204)
def delete_links(ctx: UserCtx, version_id: str) -> Response:
    remotelinks.delete_links(ctx.db, service.administered_version(ctx, version_id))
    return Response(status_code=204)


@router.get("/version/{version_id}/remotelink/{global_id}")
def get_link(ctx: Ctx, version_id: str, global_id: str) -> dict[str, Any]:
    version = service.visible_version(ctx, version_id)
    return remote_link_json(ctx, remotelinks.get_link(ctx.db, version, global_id), version)


@router.post("/version/{version_id}/remotelink/{global_id}", status_code=201)
def put_link(ctx: UserCtx, version_id: str, global_id: str, payload: Payload = None) -> Response:
    version = service.administered_version(ctx, version_id)
    link = remotelinks.put_link(ctx.db, version, payload, global_id)
    return _created(remote_link_json(ctx, link, version)["self"])


@router.delete("/version/{version_id}/remotelink/{global_id}", status_code=204)
def delete_link(ctx: UserCtx, version_id: str, global_id: str) -> Response:
    version = service.administered_version(ctx, version_id)
    remotelinks.delete_link(ctx.db, version, global_id)
    return Response(status_code=204)


def _created(location: str) -> Response:
    return Response(status_code=201, headers={"Location": location})
