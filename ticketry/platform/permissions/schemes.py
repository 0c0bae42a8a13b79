"""Permission schemes and their grants: create, rename, replace or edit grants, delete. Every change is
audited in the same transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, NotFound
from ticketry.core.ids import db_id
from ticketry.platform.auditing import service as audit
from ticketry.platform.permissions import catalog as c
from ticketry.platform.permissions.defaults import DEFAULT_PERMISSION_SCHEME
from ticketry.platform.permissions.holders import parse_holder
from ticketry.platform.permissions.models import PermissionGrant, PermissionScheme
from ticketry.platform.projects.models import Project

Grant = tuple[str, str, str | None]  # permission, holder type, parameter


def get_scheme(db: Session, scheme_id: str | int) -> PermissionScheme:
    number = db_id(scheme_id)
    scheme = db.get(PermissionScheme, number) if number is not None else None
    if scheme is None:
        raise NotFound(f"The permission scheme with id {scheme_id} does not exist.")
    return scheme


def grants(db: Session, scheme_id: int) -> list[PermissionGrant]:
    return list(db.scalars(select(PermissionGrant).where(PermissionGrant.scheme_id == scheme_id)
                           .order_by(PermissionGrant.id)))


def get_grant(db: Session, scheme: PermissionScheme, grant_id: str | int) -> PermissionGrant:
    number = db_id(grant_id)
    grant = db.get(PermissionGrant, number) if number is not None else None
    if grant is None or grant.scheme_id != scheme.id:
        raise NotFound(f"Permission grant with id {grant_id} not found in permission scheme {scheme.id}.")
    return grant


def parse_grant(db: Session, raw: Any) -> Grant:
    if not isinstance(raw, dict):
        raise BadRequest("A permission grant must be an object with 'holder' and 'permission'.")
    key = raw.get("permission")
    permission = c.canonical(key) if isinstance(key, str) else None
    if permission is None:
        raise BadRequest(f"Permission with key '{key}' does not exist.")
    if permission in c.GLOBAL_KEYS:
        raise BadRequest(f"Permission '{permission}' is a global permission and cannot be granted in a "
                         "permission scheme.")
    kind, parameter = parse_holder(db, raw.get("holder"))
    return permission, kind, parameter


def parse_grants(db: Session, raw: Any) -> list[Grant]:
    if not isinstance(raw, list):
        raise BadRequest(errors={"permissions": "The permissions must be a list of permission grants."})
    parsed: list[Grant] = []
    for item in raw:
        grant = parse_grant(db, item)
        if grant not in parsed:
            parsed.append(grant)
    return parsed


def _name(db: Session, raw: Any, scheme: PermissionScheme | None) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise BadRequest(errors={"name": "You must enter a name for the permission scheme."})
    name = raw.strip()
    if len(name) > 255:
        raise BadRequest(errors={"name": "The name of the permission scheme must not exceed 255 characters."})
    taken = db.scalar(select(PermissionScheme.id).where(func.lower(PermissionScheme.name) == name.lower()))
    if taken is not None and (scheme is None or taken != scheme.id):
        raise BadRequest(errors={"name": f"A permission scheme with the name '{name}' already exists."})
    return name


def _description(raw: Any) -> str:
    if raw is not None and not isinstance(raw, str):
        raise BadRequest(errors={"description": "The description must be a string."})
    return raw or ""


def create_scheme(ctx: RequestContext, body: dict[str, Any]) -> PermissionScheme:
    name = _name(ctx.db, body.get("name"), None)
    description = _description(body.get("description"))
    new_grants = parse_grants(ctx.db, body["permissions"]) if body.get("permissions") is not None else []
    scheme = PermissionScheme(name=name, description=description)
    ctx.db.add(scheme)
    ctx.db.flush()
    _add_grants(ctx.db, scheme, new_grants)
    audit.record(ctx, "Permission scheme created", audit.PERMISSIONS, _item(scheme))
    return scheme


def update_scheme(ctx: RequestContext, scheme: PermissionScheme, body: dict[str, Any]) -> PermissionScheme:
    changes = []
    if "name" in body:
        name = _name(ctx.db, body.get("name"), scheme)
        if name != scheme.name:
            changes.append(audit.change("Name", scheme.name, name))
        scheme.name = name
    if "description" in body:
        description = _description(body.get("description"))
        if description != scheme.description:
            changes.append(audit.change("Description", scheme.description or None, description or None))
        scheme.description = description
    if body.get("permissions") is not None:
        replacement = parse_grants(ctx.db, body["permissions"])
        ctx.db.execute(delete(PermissionGrant).where(PermissionGrant.scheme_id == scheme.id))
        _add_grants(ctx.db, scheme, replacement)
        changes.append(audit.change("Permissions", None, f"{len(replacement)} grants"))
    audit.record(ctx, "Permission scheme updated", audit.PERMISSIONS, _item(scheme), changes)
    return scheme


def delete_scheme(ctx: RequestContext, scheme: PermissionScheme) -> None:
    if scheme.id == DEFAULT_PERMISSION_SCHEME:
        raise BadRequest("The default permission scheme cannot be deleted.")
    # As in Jira, projects that used the scheme go back to the default one.
    ctx.db.execute(update(Project).where(Project.permission_scheme_id == scheme.id)
                   .values(permission_scheme_id=DEFAULT_PERMISSION_SCHEME))
    audit.record(ctx, "Permission scheme deleted", audit.PERMISSIONS, _item(scheme))
    ctx.db.delete(scheme)
    ctx.db.flush()


def add_grant(ctx: RequestContext, scheme: PermissionScheme, raw: Any) -> PermissionGrant:
    permission, kind, parameter = parse_grant(ctx.db, raw)
    if _find(ctx.db, scheme.id, permission, kind, parameter) is not None:
        raise BadRequest("The permission grant already exists in the permission scheme.")
    grant = PermissionGrant(scheme_id=scheme.id, permission=permission, holder_type=kind, parameter=parameter)
    ctx.db.add(grant)
    ctx.db.flush()
    audit.record(ctx, "Permission scheme updated", audit.PERMISSIONS, _item(scheme),
                 [audit.change(c.PERMISSIONS[permission].name, None, _holder_text(kind, parameter))])
    return grant


def delete_grant(ctx: RequestContext, scheme: PermissionScheme, grant_id: str) -> None:
    number = db_id(grant_id)
    grant = ctx.db.get(PermissionGrant, number) if number is not None else None
    if grant is None or grant.scheme_id != scheme.id:
        raise BadRequest(f"Permission grant with id {grant_id} not found in permission scheme {scheme.id}.")
    name = c.PERMISSIONS[grant.permission].name if grant.permission in c.PERMISSIONS else grant.permission
    audit.record(ctx, "Permission scheme updated", audit.PERMISSIONS, _item(scheme),
                 [audit.change(name, _holder_text(grant.holder_type, grant.parameter), None)])
    ctx.db.delete(grant)
    ctx.db.flush()


def _find(db: Session, scheme_id: int, permission: str, kind: str, parameter: str | None) -> int | None:
    same_parameter = PermissionGrant.parameter.is_(None) if parameter is None else \
        PermissionGrant.parameter == parameter
    return db.scalar(select(PermissionGrant.id).where(
        PermissionGrant.scheme_id == scheme_id, PermissionGrant.permission == permission,
        PermissionGrant.holder_type == kind, same_parameter))


def _add_grants(db: Session, scheme: PermissionScheme, new_grants: list[Grant]) -> None:
    db.add_all(PermissionGrant(scheme_id=scheme.id, permission=p, holder_type=k, parameter=v)
               for p, k, v in new_grants)
    db.flush()


def _item(scheme: PermissionScheme) -> audit.Item:
    return audit.Item(scheme.id, scheme.name, "PERMISSION_SCHEME")


def _holder_text(kind: str, parameter: str | None) -> str:
    return kind if parameter is None else f"{kind} ({parameter})"
