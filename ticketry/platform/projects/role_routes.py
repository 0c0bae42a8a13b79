"""HTTP of project roles: per project (actors) and the global list of roles."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from ticketry.core.deps import AdminCtx, Ctx, UserCtx
from ticketry.core.errors import BadRequest
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import projects as audit
from ticketry.platform.projects import role_admin, roles
from ticketry.platform.projects.render import roles_map
from ticketry.platform.projects.schemas import ActorsInput, RoleActorsUpdate, RoleInput
from ticketry.platform.projects.visibility import administered_project, visible_project

router = APIRouter(route_class=JiraRoute)


@router.get("/project/{projectIdOrKey}/role")
def project_roles(projectIdOrKey: str, ctx: Ctx) -> dict[str, str]:  # noqa: N803
    return roles_map(ctx, visible_project(ctx, projectIdOrKey))


@router.get("/project/{projectIdOrKey}/roledetails")
def project_role_details(projectIdOrKey: str, ctx: Ctx) -> list[dict[str, Any]]:  # noqa: N803
    project = visible_project(ctx, projectIdOrKey)
    return [roles.role_details_json(ctx, role, project) for role in roles.all_roles(ctx.db)]


@router.get("/project/{projectIdOrKey}/role/{id}")
def project_role(projectIdOrKey: str, id: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803, A002
    project = visible_project(ctx, projectIdOrKey)
    return roles.role_json(ctx, roles.get_role(ctx.db, id), project)


@router.post("/project/{projectIdOrKey}/role/{id}")
def add_role_actors(projectIdOrKey: str, id: str, body: ActorsInput,  # noqa: N803, A002
                    ctx: UserCtx) -> dict[str, Any]:
    project = administered_project(ctx, projectIdOrKey)
    role = roles.get_role(ctx.db, id)
    before = audit.actors_snapshot(ctx.db, role, project)
    roles.add_actors(ctx.db, role, project, body.user or [], body.group or [])
    audit.actors_changed(ctx, before, role, project)
    return roles.role_json(ctx, role, project)


@router.put("/project/{projectIdOrKey}/role/{id}")
def set_role_actors(projectIdOrKey: str, id: str, body: RoleActorsUpdate,  # noqa: N803, A002
                    ctx: UserCtx) -> dict[str, Any]:
    project = administered_project(ctx, projectIdOrKey)
    role = roles.get_role(ctx.db, id)
    before = audit.actors_snapshot(ctx.db, role, project)
    roles.set_actors(ctx.db, role, project, body.categorisedActors or {})
    audit.actors_changed(ctx, before, role, project)
    return roles.role_json(ctx, role, project)


@router.delete("/project/{projectIdOrKey}/role/{id}", status_code=204)
def remove_role_actor(projectIdOrKey: str, id: str, ctx: UserCtx,  # noqa: N803, A002
                      user: str | None = None, group: str | None = None) -> Response:
    project = administered_project(ctx, projectIdOrKey)
    role = roles.get_role(ctx.db, id)
    before = audit.actors_snapshot(ctx.db, role, project)
    roles.remove_actor(ctx.db, role, project, user, group)
    audit.actors_changed(ctx, before, role, project)
    return Response(status_code=204)


@router.get("/role")
def all_roles(ctx: AdminCtx) -> list[dict[str, Any]]:
    return [roles.role_json(ctx, role, None) for role in roles.all_roles(ctx.db)]


@router.post("/role")
def create_role(body: RoleInput, ctx: AdminCtx) -> dict[str, Any]:
    role = role_admin.create_role(ctx.db, body.name, body.description)
    audit.role_created(ctx, role)
    return roles.role_json(ctx, role, None)


@router.get("/role/{id}")
def global_role(id: str, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    return roles.role_json(ctx, roles.get_role(ctx.db, id), None)


@router.post("/role/{id}")
def partially_update_role(id: str, body: RoleInput, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    role = roles.get_role(ctx.db, id)
    before = audit.role_snapshot(role)
    role_admin.update_role(ctx.db, role, body.name, body.description, full=False)
    audit.role_updated(ctx, before, role)
    return roles.role_json(ctx, role, None)


@router.put("/role/{id}")
def update_role(id: str, body: RoleInput, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    role = roles.get_role(ctx.db, id)
    before = audit.role_snapshot(role)
    role_admin.update_role(ctx.db, role, body.name, body.description, full=True)
    audit.role_updated(ctx, before, role)
    return roles.role_json(ctx, role, None)


@router.delete("/role/{id}", status_code=204)
def delete_role(id: str, ctx: AdminCtx, swap: str | None = None) -> Response:  # noqa: A002
    role = roles.get_role(ctx.db, id)
    item = audit.role_item(role)
    role_admin.delete_role(ctx.db, role, swap)
    audit.role_deleted(ctx, item)
    return Response(status_code=204)


@router.get("/role/{id}/actors")
def default_actors(id: str, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    return {"actors": roles.actors_json(ctx, roles.get_role(ctx.db, id), None)}


@router.post("/role/{id}/actors")
def add_default_actors(id: str, body: ActorsInput, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    role = roles.get_role(ctx.db, id)
    if body.user and body.group:
        raise BadRequest("Give either users or groups, not both.")
    before = audit.actors_snapshot(ctx.db, role, None)
    roles.add_actors(ctx.db, role, None, body.user or [], body.group or [], unknown_status=400)
    audit.actors_changed(ctx, before, role, None)
    return {"actors": roles.actors_json(ctx, role, None)}


@router.delete("/role/{id}/actors")
def remove_default_actor(id: str, ctx: AdminCtx, user: str | None = None,  # noqa: A002
                         group: str | None = None) -> dict[str, Any]:
    role = roles.get_role(ctx.db, id)
    before = audit.actors_snapshot(ctx.db, role, None)
    roles.remove_actor(ctx.db, role, None, user, group)
    audit.actors_changed(ctx, before, role, None)
    return {"actors": roles.actors_json(ctx, role, None)}

