"""HTTP of project roles: per project (actors) and the global list of roles."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from ticketry.core.deps import AdminCtx, UserCtx
from ticketry.core.errors import BadRequest
from ticketry.platform.projects import role_admin, roles
from ticketry.platform.projects.render import roles_map
from ticketry.platform.projects.schemas import ActorsInput, RoleActorsUpdate, RoleInput
from ticketry.platform.projects.service import get_project

router = APIRouter()


@router.get("/project/{projectIdOrKey}/role")
def project_roles(projectIdOrKey: str, ctx: UserCtx) -> dict[str, str]:  # noqa: N803
    return roles_map(ctx, get_project(ctx.db, projectIdOrKey))


@router.get("/project/{projectIdOrKey}/roledetails")
def project_role_details(projectIdOrKey: str, ctx: UserCtx) -> list[dict[str, Any]]:  # noqa: N803
    project = get_project(ctx.db, projectIdOrKey)
    return [roles.role_details_json(ctx, role, project) for role in roles.all_roles(ctx.db)]


@router.get("/project/{projectIdOrKey}/role/{id}")
def project_role(projectIdOrKey: str, id: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: N803, A002
    project = get_project(ctx.db, projectIdOrKey)
    return roles.role_json(ctx, roles.get_role(ctx.db, id), project)


@router.post("/project/{projectIdOrKey}/role/{id}")
def add_role_actors(projectIdOrKey: str, id: str, body: ActorsInput,  # noqa: N803, A002
                    ctx: AdminCtx) -> dict[str, Any]:
    project = get_project(ctx.db, projectIdOrKey)
    role = roles.get_role(ctx.db, id)
    roles.add_actors(ctx.db, role, project, body.user or [], body.group or [])
    return roles.role_json(ctx, role, project)


@router.put("/project/{projectIdOrKey}/role/{id}")
def set_role_actors(projectIdOrKey: str, id: str, body: RoleActorsUpdate,  # noqa: N803, A002
                    ctx: AdminCtx) -> dict[str, Any]:
    project = get_project(ctx.db, projectIdOrKey)
    role = roles.get_role(ctx.db, id)
    roles.set_actors(ctx.db, role, project, body.categorisedActors or {})
    return roles.role_json(ctx, role, project)


@router.delete("/project/{projectIdOrKey}/role/{id}", status_code=204)
def remove_role_actor(projectIdOrKey: str, id: str, ctx: AdminCtx,  # noqa: N803, A002
                      user: str | None = None, group: str | None = None) -> Response:
    project = get_project(ctx.db, projectIdOrKey)
    roles.remove_actor(ctx.db, roles.get_role(ctx.db, id), project, user, group)
    return Response(status_code=204)


@router.get("/role")
def all_roles(ctx: AdminCtx) -> list[dict[str, Any]]:
    return [roles.role_json(ctx, role, None) for role in roles.all_roles(ctx.db)]


@router.post("/role")
def create_role(body: RoleInput, ctx: AdminCtx) -> dict[str, Any]:
    return roles.role_json(ctx, role_admin.create_role(ctx.db, body.name, body.description), None)


@router.get("/role/{id}")
def global_role(id: str, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    return roles.role_json(ctx, roles.get_role(ctx.db, id), None)


@router.post("/role/{id}")
def partially_update_role(id: str, body: RoleInput, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    role = roles.get_role(ctx.db, id)
    return roles.role_json(ctx, role_admin.update_role(ctx.db, role, body.name, body.description, full=False), None)


@router.put("/role/{id}")
def update_role(id: str, body: RoleInput, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    role = roles.get_role(ctx.db, id)
    return roles.role_json(ctx, role_admin.update_role(ctx.db, role, body.name, body.description, full=True), None)


@router.delete("/role/{id}", status_code=204)
def delete_role(id: str, ctx: AdminCtx, swap: str | None = None) -> Response:  # noqa: A002
    role_admin.delete_role(ctx.db, roles.get_role(ctx.db, id), swap)
    return Response(status_code=204)


@router.get("/role/{id}/actors")
def default_actors(id: str, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    return {"actors": roles.actors_json(ctx, roles.get_role(ctx.db, id), None)}


@router.post("/role/{id}/actors")
def add_default_actors(id: str, body: ActorsInput, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    role = roles.get_role(ctx.db, id)
    if body.user and body.group:
        raise BadRequest("Give either users or groups, not both.")
    roles.add_actors(ctx.db, role, None, body.user or [], body.group or [], unknown_status=400)
    return {"actors": roles.actors_json(ctx, role, None)}


@router.delete("/role/{id}/actors")
def remove_default_actor(id: str, ctx: AdminCtx, user: str | None = None,  # noqa: A002
                         group: str | None = None) -> dict[str, Any]:
    role = roles.get_role(ctx.db, id)
    roles.remove_actor(ctx.db, role, None, user, group)
    return {"actors": roles.actors_json(ctx, role, None)}
