"""Wire shapes of permission and issue security schemes."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.platform.permissions.holders import holder_json
from ticketry.platform.permissions.models import (
    IssueSecurityLevel,
    IssueSecurityScheme,
    PermissionGrant,
    PermissionScheme,
)

PERMISSION_SCHEME_EXPAND = "permissions,user,group,projectRole,field,all"
GRANT_EXPAND = "user,group,projectRole,field,all"
_EXPANDABLE = frozenset(PERMISSION_SCHEME_EXPAND.split(","))


def parse_expand(raw: str | None) -> set[str]:
    """The expand parameter of the permission scheme resources; unknown parts are 400, as Jira answers."""
    parts = {p.strip() for p in (raw or "").split(",") if p.strip()}
    unknown = parts - _EXPANDABLE
    if unknown:
        raise BadRequest(f"Invalid expand parameter: {', '.join(sorted(unknown))}.")
    return parts


def grant_json(ctx: RequestContext, grant: PermissionGrant, expand: set[str]) -> dict[str, Any]:
    return {
        "id": grant.id,
        "self": ctx.api(f"permissionscheme/permission/{grant.id}"),
        "holder": holder_json(ctx, grant.holder_type, grant.parameter, expand),
        "permission": grant.permission,
    }


def permission_scheme_json(
    ctx: RequestContext, scheme: PermissionScheme, grants: list[PermissionGrant] | None = None,
    expand: set[str] | None = None,
) -> dict[str, Any]:
    """The scheme; its grants when given (any expand asks for them, as Jira says)."""
    body: dict[str, Any] = {
        "expand": PERMISSION_SCHEME_EXPAND,
        "id": scheme.id,
        "self": ctx.api(f"permissionscheme/{scheme.id}"),
        "name": scheme.name,
        "description": scheme.description,
    }
    if grants is not None:
        body["permissions"] = [grant_json(ctx, g, expand or set()) for g in grants]
    return body


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
