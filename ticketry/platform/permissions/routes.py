"""Permission schemes with their grants, issue security schemes and levels."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from ticketry.core.body import JsonObject
from ticketry.core.deps import AdminCtx, UserCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.permissions import global_admin, mine_routes, notifications, schemes, security_routes, service
from ticketry.platform.permissions.render import (
    GRANT_EXPAND,
    grant_json,
    parse_expand,
    permission_scheme_json,
    security_level_json,
    security_scheme_json,
)

api = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["permission schemes", "issue security schemes"])


@api.get("/permissionscheme")
def list_permission_schemes(ctx: AdminCtx, expand: str | None = None) -> dict[str, Any]:
    wanted = parse_expand(expand)
    return {"permissionSchemes": [
        permission_scheme_json(ctx, s, schemes.grants(ctx.db, s.id) if wanted else None, wanted)
        for s in service.permission_schemes(ctx.db)
    ]}


@api.post("/permissionscheme", status_code=201)
def create_permission_scheme(body: JsonObject, ctx: AdminCtx, expand: str | None = None) -> dict[str, Any]:
    wanted = parse_expand(expand)
    scheme = schemes.create_scheme(ctx, body)
    return permission_scheme_json(ctx, scheme, schemes.grants(ctx.db, scheme.id), wanted)


@api.get("/permissionscheme/{schemeId}")
def get_permission_scheme(schemeId: str, ctx: AdminCtx, expand: str | None = None) -> dict[str, Any]:  # noqa: N803
    wanted = parse_expand(expand)
    scheme = schemes.get_scheme(ctx.db, schemeId)
    return permission_scheme_json(ctx, scheme, schemes.grants(ctx.db, scheme.id) if wanted else None, wanted)


@api.put("/permissionscheme/{schemeId}")
def update_permission_scheme(schemeId: str, body: JsonObject, ctx: AdminCtx,  # noqa: N803
                             expand: str | None = None) -> dict[str, Any]:
    wanted = parse_expand(expand)
    scheme = schemes.update_scheme(ctx, schemes.get_scheme(ctx.db, schemeId), body)
    return permission_scheme_json(ctx, scheme, schemes.grants(ctx.db, scheme.id), wanted)


@api.delete("/permissionscheme/{schemeId}", status_code=204)
def delete_permission_scheme(schemeId: str, ctx: AdminCtx) -> Response:  # noqa: N803
    schemes.delete_scheme(ctx, schemes.get_scheme(ctx.db, schemeId))
    return Response(status_code=204)


@api.get("/permissionscheme/{schemeId}/permission")
def list_grants(schemeId: str, ctx: AdminCtx, expand: str | None = None) -> dict[str, Any]:  # noqa: N803
    wanted = parse_expand(expand)
    scheme = schemes.get_scheme(ctx.db, schemeId)
    return {"permissions": [grant_json(ctx, g, wanted) for g in schemes.grants(ctx.db, scheme.id)],
            "expand": GRANT_EXPAND}


@api.post("/permissionscheme/{schemeId}/permission", status_code=201)
def add_grant(schemeId: str, body: JsonObject, ctx: AdminCtx,  # noqa: N803
              expand: str | None = None) -> dict[str, Any]:
    wanted = parse_expand(expand)
    scheme = schemes.get_scheme(ctx.db, schemeId)
    return grant_json(ctx, schemes.add_grant(ctx, scheme, body), wanted)


@api.get("/permissionscheme/{schemeId}/permission/{permissionId}")
def get_grant(schemeId: str, permissionId: str, ctx: AdminCtx,  # noqa: N803
              expand: str | None = None) -> dict[str, Any]:
    wanted = parse_expand(expand)
    scheme = schemes.get_scheme(ctx.db, schemeId)
    return grant_json(ctx, schemes.get_grant(ctx.db, scheme, permissionId), wanted)


@api.delete("/permissionscheme/{schemeId}/permission/{permissionId}", status_code=204)
def delete_grant(schemeId: str, permissionId: str, ctx: AdminCtx) -> Response:  # noqa: N803
    schemes.delete_grant(ctx, schemes.get_scheme(ctx.db, schemeId), permissionId)
    return Response(status_code=204)


@api.get("/notificationscheme")
def list_notification_schemes(ctx: UserCtx, startAt: int = 0, maxResults: int = 50,  # noqa: N803
                              expand: str | None = None) -> dict[str, Any]:
    return notifications.page(ctx, startAt, maxResults, notifications.parse_expand(expand))


@api.get("/notificationscheme/{id}")
def get_notification_scheme(id: str, ctx: UserCtx, expand: str | None = None) -> dict[str, Any]:  # noqa: A002
    wanted = notifications.parse_expand(expand)
    return notifications.scheme_json(ctx, notifications.get_scheme(ctx, id), wanted)


@api.get("/issuesecurityschemes")
def list_security_schemes(ctx: AdminCtx) -> dict[str, Any]:
    return {"issueSecuritySchemes": [security_scheme_json(ctx, s) for s in service.security_schemes(ctx.db)]}


@api.get("/issuesecurityschemes/{id}")
def get_security_scheme(id: int, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002 (Jira's name)
    scheme = service.get_security_scheme(ctx.db, id)
    return security_scheme_json(ctx, scheme, service.security_levels(ctx.db, scheme.id))


@api.get("/securitylevel/{id}")
def get_security_level(id: int, ctx: UserCtx) -> dict[str, Any]:  # noqa: A002
    return security_level_json(ctx, service.get_security_level(ctx.db, id))


api.include_router(mine_routes.router)
api.include_router(security_routes.v2)
router = APIRouter(route_class=JiraRoute)
router.include_router(api)
router.include_router(security_routes.router)
router.include_router(global_admin.router)
