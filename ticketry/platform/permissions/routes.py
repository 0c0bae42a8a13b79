"""Scheme reads: permission schemes and issue security schemes with their levels."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ticketry.core.deps import AdminCtx, UserCtx
from ticketry.platform.permissions import service
from ticketry.platform.permissions.render import (
    permission_scheme_json,
    security_level_json,
    security_scheme_json,
)

router = APIRouter(prefix="/rest/api/2", tags=["permission schemes", "issue security schemes"])


@router.get("/permissionscheme")
def list_permission_schemes(ctx: AdminCtx) -> dict[str, Any]:
    return {"permissionSchemes": [permission_scheme_json(ctx, s) for s in service.permission_schemes(ctx.db)]}


@router.get("/permissionscheme/{schemeId}")
def get_permission_scheme(schemeId: int, ctx: AdminCtx) -> dict[str, Any]:  # noqa: N803
    return permission_scheme_json(ctx, service.get_permission_scheme(ctx.db, schemeId))


@router.get("/issuesecurityschemes")
def list_security_schemes(ctx: AdminCtx) -> dict[str, Any]:
    return {"issueSecuritySchemes": [security_scheme_json(ctx, s) for s in service.security_schemes(ctx.db)]}


@router.get("/issuesecurityschemes/{id}")
def get_security_scheme(id: int, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002 (Jira's name)
    scheme = service.get_security_scheme(ctx.db, id)
    return security_scheme_json(ctx, scheme, service.security_levels(ctx.db, scheme.id))


@router.get("/securitylevel/{id}")
def get_security_level(id: int, ctx: UserCtx) -> dict[str, Any]:  # noqa: A002
    return security_level_json(ctx, service.get_security_level(ctx.db, id))
