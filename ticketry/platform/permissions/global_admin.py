"""Global permission grants. Jira edits them in its admin UI only; Ticketry offers
/rest/ticketry/1/globalpermission so they can be scripted."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ticketry.core.body import JsonObject
from ticketry.core.context import RequestContext
from ticketry.core.deps import AdminCtx
from ticketry.core.errors import BadRequest, NotFound
from ticketry.core.ids import db_id
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import service as audit
from ticketry.platform.permissions import catalog as c
from ticketry.platform.permissions.models import GlobalPermissionGrant
from ticketry.platform.users.service import find_group

router = APIRouter(route_class=JiraRoute, prefix="/rest/ticketry/1", tags=["global permissions (Ticketry admin)"])


def grant_json(grant: GlobalPermissionGrant) -> dict[str, Any]:
    return {"id": grant.id, "permission": grant.permission, "group": grant.group_name}


def _grants(db: Session) -> list[GlobalPermissionGrant]:
    return list(db.scalars(select(GlobalPermissionGrant).order_by(GlobalPermissionGrant.permission,
                                                                  GlobalPermissionGrant.id)))


def add_grant(ctx: RequestContext, body: dict[str, Any]) -> GlobalPermissionGrant:
    key = body.get("permission")
    if not isinstance(key, str) or key.upper() not in c.GLOBAL_KEYS:
        raise BadRequest(errors={"permission": f"'{key}' is not a global permission."})
    key = key.upper()
    raw_group = body.get("group")
    group_name = None
    if raw_group is not None:
        group = find_group(ctx.db, raw_group) if isinstance(raw_group, str) else None
        if group is None:
            raise BadRequest(errors={"group": f"Group '{raw_group}' does not exist."})
        group_name = group.name
    elif key in ("ADMINISTER", "SYSTEM_ADMIN"):
        raise BadRequest(errors={"group": "Administration cannot be granted to anyone."})
    same = GlobalPermissionGrant.group_name.is_(None) if group_name is None else \
        func.lower(GlobalPermissionGrant.group_name) == group_name.lower()
    if ctx.db.scalar(select(GlobalPermissionGrant.id).where(GlobalPermissionGrant.permission == key, same)):
        raise BadRequest("The group already holds this global permission.")
    grant = GlobalPermissionGrant(permission=key, group_name=group_name)
    ctx.db.add(grant)
    ctx.db.flush()
    audit.record(ctx, "Global permission added", audit.PERMISSIONS,
                 audit.Item(grant.id, c.PERMISSIONS[key].name, "GLOBAL_PERMISSION"),
                 [audit.change("Group", None, group_name or "Anyone")])
    return grant


def delete_grant(ctx: RequestContext, grant_id: str) -> None:
    number = db_id(grant_id)
    grant = ctx.db.get(GlobalPermissionGrant, number) if number is not None else None
    if grant is None:
        raise NotFound(f"Global permission grant {grant_id} does not exist.")
    if grant.permission == "SYSTEM_ADMIN":
        others = ctx.db.scalar(select(func.count()).select_from(GlobalPermissionGrant).where(
            GlobalPermissionGrant.permission == "SYSTEM_ADMIN", GlobalPermissionGrant.id != grant.id)) or 0
        if others == 0:
            raise BadRequest("There must be at least one group with the Jira System Administrators permission.")
    audit.record(ctx, "Global permission deleted", audit.PERMISSIONS,
                 audit.Item(grant.id, c.PERMISSIONS[grant.permission].name, "GLOBAL_PERMISSION"),
                 [audit.change("Group", grant.group_name or "Anyone", None)])
    ctx.db.delete(grant)
    ctx.db.flush()


@router.get("/globalpermission")
def list_grants(ctx: AdminCtx) -> dict[str, Any]:
    return {"grants": [grant_json(g) for g in _grants(ctx.db)]}


@router.post("/globalpermission", status_code=201)
def create_grant(body: JsonObject, ctx: AdminCtx) -> dict[str, Any]:
    return grant_json(add_grant(ctx, body))


@router.delete("/globalpermission/{grantId}", status_code=204)
def remove_grant(grantId: str, ctx: AdminCtx) -> Response:  # noqa: N803
    delete_grant(ctx, grantId)
    return Response(status_code=204)
