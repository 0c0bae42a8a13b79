"""HTTP of what hangs off a project: entity properties, statuses per issue type, scheme reads."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from ticketry.core.deps import AdminCtx, Ctx, UserCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import projects as audit
from ticketry.platform.auditing.service import Item
from ticketry.platform.projects import config
from ticketry.platform.projects.schemas import IdInput
from ticketry.platform.projects.service import get_project
from ticketry.platform.projects.visibility import administered_project, visible_project
from ticketry.platform.properties import service as properties
from ticketry.platform.properties.body import JsonValue

router = APIRouter(route_class=JiraRoute)
ENTITY = "project"


@router.get("/project/{projectIdOrKey}/properties")
def property_keys(projectIdOrKey: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    project = visible_project(ctx, projectIdOrKey)
    keys = properties.list_keys(ctx.db, ENTITY, project.id)
    return properties.keys_json(ctx.api(f"project/{project.key}/properties"), keys)


@router.get("/project/{projectIdOrKey}/properties/{propertyKey}")
def get_property(projectIdOrKey: str, propertyKey: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    project = visible_project(ctx, projectIdOrKey)
    return properties.property_json(properties.get_property(ctx.db, ENTITY, project.id, propertyKey))


@router.put("/project/{projectIdOrKey}/properties/{propertyKey}")
def set_property(projectIdOrKey: str, propertyKey: str, value: JsonValue,  # noqa: N803
                 ctx: UserCtx) -> Response:
    project = administered_project(ctx, projectIdOrKey)
    created = properties.set_property(ctx.db, ENTITY, project.id, propertyKey, value)
    return Response(status_code=201 if created else 200)


@router.delete("/project/{projectIdOrKey}/properties/{propertyKey}", status_code=204)
def delete_property(projectIdOrKey: str, propertyKey: str, ctx: UserCtx) -> Response:  # noqa: N803
    project = administered_project(ctx, projectIdOrKey)
    properties.delete_property(ctx.db, ENTITY, project.id, propertyKey)
    return Response(status_code=204)


@router.get("/project/{projectIdOrKey}/statuses")
def project_statuses(projectIdOrKey: str, ctx: Ctx) -> list[dict[str, Any]]:  # noqa: N803
    return config.statuses_json(ctx, visible_project(ctx, projectIdOrKey, read_only=True))


@router.get("/project/{projectKeyOrId}/permissionscheme")
def project_permission_scheme(projectKeyOrId: str, ctx: UserCtx,  # noqa: N803
                              expand: str | None = None) -> dict[str, Any]:
    project = administered_project(ctx, projectKeyOrId)
    return config.permission_scheme_json(ctx, config.project_permission_scheme(ctx.db, project), expand)


@router.put("/project/{projectKeyOrId}/permissionscheme")
def assign_permission_scheme(projectKeyOrId: str, body: IdInput, ctx: AdminCtx,  # noqa: N803
                             expand: str | None = None) -> dict[str, Any]:
    project = get_project(ctx.db, projectKeyOrId)
    old = config.project_permission_scheme(ctx.db, project)
    old_item = Item(old.id, old.name, "SCHEME")
    scheme = config.assign_permission_scheme(ctx.db, project, body.id)
    audit.permission_scheme_assigned(ctx, project, old_item, Item(scheme.id, scheme.name, "SCHEME"))
    return config.permission_scheme_json(ctx, scheme, expand)



@router.get("/project/{projectKeyOrId}/notificationscheme")
def project_notification_scheme(projectKeyOrId: str, ctx: UserCtx,  # noqa: N803
                                expand: str | None = None) -> dict[str, Any]:
    return config.notification_scheme_json(ctx, administered_project(ctx, projectKeyOrId))


@router.get("/project/{projectKeyOrId}/issuesecuritylevelscheme")
def project_security_scheme(projectKeyOrId: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: N803
    return config.security_scheme_json(ctx, administered_project(ctx, projectKeyOrId))

