"""Wire shapes of permission and issue security schemes."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.platform.permissions.models import IssueSecurityLevel, IssueSecurityScheme, PermissionScheme

PERMISSION_SCHEME_EXPAND = "permissions,user,group,projectRole,field,all"


def permission_scheme_json(ctx: RequestContext, scheme: PermissionScheme) -> dict[str, Any]:
    return {
        "expand": PERMISSION_SCHEME_EXPAND,
        "id": scheme.id,
        "self": ctx.api(f"permissionscheme/{scheme.id}"),
        "name": scheme.name,
        "description": scheme.description,
    }


def security_level_json(ctx: RequestContext, level: IssueSecurityLevel) -> dict[str, Any]:
    return {
        "self": ctx.api(f"securitylevel/{level.id}"),
        "id": str(level.id),
        "description": level.description,
        "name": level.name,
    }


def security_scheme_json(ctx: RequestContext, scheme: IssueSecurityScheme,
                         levels: list[IssueSecurityLevel] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "self": ctx.api(f"issuesecurityschemes/{scheme.id}"),
        "id": scheme.id,
        "name": scheme.name,
        "description": scheme.description,
    }
    if scheme.default_level_id is not None:
        body["defaultSecurityLevelId"] = scheme.default_level_id
    if levels is not None:
        body["levels"] = [security_level_json(ctx, level) for level in levels]
    return body
