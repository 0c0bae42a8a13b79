"""/rest/api/2/applicationrole: the applications, the groups granting them and their seats (admins only)."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from fastapi import APIRouter

from ticketry.core.deps import AdminCtx
from ticketry.core.responses import JiraJSONResponse
from ticketry.core.routing import JiraRoute
from ticketry.platform.users.approles import RoleView, get_role, list_roles

router = APIRouter(route_class=JiraRoute)


def role_json(view: RoleView) -> dict[str, Any]:
    seats = -1 if view.unlimited else view.role.user_count_limit
    remaining = -1 if view.unlimited else max(seats - view.user_count, 0)
    noun = "user" if view.user_count == 1 else "users"
    return {
        "key": view.role.key,
        "groups": view.groups,
        "name": view.role.name,
        "defaultGroups": view.default_groups,
        "selectedByDefault": view.role.selected_by_default,
        "defined": view.role.defined,
        "numberOfSeats": seats,
        "remainingSeats": remaining,
        "userCount": view.user_count,
        "userCountDescription": f"{view.user_count} {noun}",
        "hasUnlimitedSeats": view.unlimited,
        "platform": view.role.platform,
    }


@router.get("/applicationrole")
def application_roles(ctx: AdminCtx) -> JiraJSONResponse:
    """All roles, with an ETag that changes whenever any of them does (as Jira sends it)."""
    body = [role_json(view) for view in list_roles(ctx.db)]
    etag = hashlib.sha1(orjson.dumps(body), usedforsecurity=False).hexdigest()
    return JiraJSONResponse(body, headers={"ETag": f'"{etag}"'})


@router.get("/applicationrole/{key}")
def application_role(ctx: AdminCtx, key: str) -> dict[str, Any]:
    return role_json(get_role(ctx.db, key))
