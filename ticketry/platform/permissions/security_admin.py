"""Issue security schemes, their levels and who belongs to each level. Jira edits these in its admin UI;
the v2 API only reads them, so Ticketry offers the edits under /rest/ticketry/1 (see security_routes.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, NotFound
from ticketry.core.ids import db_id
from ticketry.platform.auditing import service as audit
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions.holders import parse_holder
from ticketry.platform.permissions.models import IssueSecurityLevel, IssueSecurityLevelMember, IssueSecurityScheme
from ticketry.platform.permissions.service import get_security_scheme
from ticketry.platform.projects.models import Project


def _text(raw: Any, field: str, *, required: bool) -> str:
    if raw is None and not required:
        return ""
    if not isinstance(raw, str) or (required and not raw.strip()):
        raise BadRequest(errors={field: f"You must specify a {field} of at most 255 characters."})
    if len(raw.strip()) > 255:
        raise BadRequest(errors={field: f"You must specify a {field} of at most 255 characters."})
    return raw.strip()


def create_scheme(ctx: RequestContext, body: dict[str, Any]) -> IssueSecurityScheme:
    name = _text(body.get("name"), "name", required=True)
    if ctx.db.scalar(select(IssueSecurityScheme.id).where(func.lower(IssueSecurityScheme.name) == name.lower())):
        raise BadRequest(errors={"name": f"An issue security scheme with the name '{name}' already exists."})
    scheme = IssueSecurityScheme(name=name, description=_text(body.get("description"), "description", required=False))
    ctx.db.add(scheme)
    ctx.db.flush()
    audit.record(ctx, "Issue security scheme created", audit.PERMISSIONS, _item(scheme))
    return scheme


def update_scheme(ctx: RequestContext, scheme: IssueSecurityScheme, body: dict[str, Any]) -> IssueSecurityScheme:
    changes = []
    if "name" in body:
        name = _text(body.get("name"), "name", required=True)
        other = ctx.db.scalar(select(IssueSecurityScheme.id).where(
            func.lower(IssueSecurityScheme.name) == name.lower(), IssueSecurityScheme.id != scheme.id))
        if other is not None:
            raise BadRequest(errors={"name": f"An issue security scheme with the name '{name}' already exists."})
        changes.append(audit.change("Name", scheme.name, name))
        scheme.name = name
    if "description" in body:
        scheme.description = _text(body.get("description"), "description", required=False)
    if "defaultSecurityLevelId" in body:
        raw = body.get("defaultSecurityLevelId")
        level = None if raw in (None, -1, "-1") else get_level(ctx.db, scheme, raw)
        scheme.default_level_id = level.id if level is not None else None
        changes.append(audit.change("Default security level", None, level.name if level else None))
    audit.record(ctx, "Issue security scheme updated", audit.PERMISSIONS, _item(scheme), changes)
    return scheme


def delete_scheme(ctx: RequestContext, scheme: IssueSecurityScheme) -> None:
    used = ctx.db.scalars(select(Project.key).where(Project.issue_security_scheme_id == scheme.id)).all()
    if used:
        raise BadRequest(f"The issue security scheme is used by the projects {', '.join(sorted(used))} and "
                         "cannot be deleted.")
    audit.record(ctx, "Issue security scheme deleted", audit.PERMISSIONS, _item(scheme))
    ctx.db.delete(scheme)
    ctx.db.flush()


def get_level(db: Session, scheme: IssueSecurityScheme, level_id: Any) -> IssueSecurityLevel:
    number = db_id(str(level_id))
    level = db.get(IssueSecurityLevel, number) if number is not None else None
    if level is None or level.scheme_id != scheme.id:
        raise NotFound(f"The issue security level with id {level_id} does not exist in this scheme.")
    return level


def add_level(ctx: RequestContext, scheme: IssueSecurityScheme, body: dict[str, Any]) -> IssueSecurityLevel:
    name = _text(body.get("name"), "name", required=True)
    taken = ctx.db.scalar(select(IssueSecurityLevel.id).where(
        IssueSecurityLevel.scheme_id == scheme.id, func.lower(IssueSecurityLevel.name) == name.lower()))
    if taken is not None:
        raise BadRequest(errors={"name": f"A security level with the name '{name}' already exists in this scheme."})
    level = IssueSecurityLevel(scheme_id=scheme.id, name=name,
                               description=_text(body.get("description"), "description", required=False))
    ctx.db.add(level)
    ctx.db.flush()
    audit.record(ctx, "Issue security level created", audit.PERMISSIONS, _level_item(level, scheme))
    return level


def delete_level(ctx: RequestContext, scheme: IssueSecurityScheme, level: IssueSecurityLevel,
                 replace_with: str | None) -> None:
    """Issues at the level move to `replace_with` (another level of the scheme) or lose their level, which
    makes them visible to everyone who may browse the project: so that needs to be asked for explicitly."""
    target = None if replace_with in (None, "-1") else get_level(ctx.db, scheme, replace_with)
    if target is not None and target.id == level.id:
        raise BadRequest("A security level cannot be replaced by itself.")
    in_use = ctx.db.scalar(select(func.count()).select_from(Issue).where(Issue.security_level_id == level.id)) or 0
    if in_use and replace_with is None:
        raise BadRequest(f"{in_use} issues have the security level '{level.name}'; say which level replaces it "
                         "(replaceWith, or -1 for none).")
    ctx.db.execute(update(Issue).where(Issue.security_level_id == level.id)
                   .values(security_level_id=target.id if target is not None else None))
    if scheme.default_level_id == level.id:
        scheme.default_level_id = None
    audit.record(ctx, "Issue security level deleted", audit.PERMISSIONS, _level_item(level, scheme))
    ctx.db.delete(level)
    ctx.db.flush()


def members(db: Session, level: IssueSecurityLevel) -> list[IssueSecurityLevelMember]:
    return list(db.scalars(select(IssueSecurityLevelMember).where(IssueSecurityLevelMember.level_id == level.id)
                           .order_by(IssueSecurityLevelMember.id)))


def add_member(ctx: RequestContext, scheme: IssueSecurityScheme, level: IssueSecurityLevel,
               body: dict[str, Any]) -> IssueSecurityLevelMember:
    kind, parameter = parse_holder(ctx.db, body.get("holder"))
    for existing in members(ctx.db, level):
        if (existing.holder_type, existing.parameter) == (kind, parameter):
            raise BadRequest("The security level already has this member.")
    member = IssueSecurityLevelMember(level_id=level.id, holder_type=kind, parameter=parameter)
    ctx.db.add(member)
    ctx.db.flush()
    audit.record(ctx, "Issue security level updated", audit.PERMISSIONS, _level_item(level, scheme),
                 [audit.change("Member", None, kind if parameter is None else f"{kind} ({parameter})")])
    return member


def delete_member(ctx: RequestContext, scheme: IssueSecurityScheme, level: IssueSecurityLevel, member_id: str) -> None:
    number = db_id(member_id)
    member = ctx.db.get(IssueSecurityLevelMember, number) if number is not None else None
    if member is None or member.level_id != level.id:
        raise NotFound(f"The security level member with id {member_id} does not exist.")
    audit.record(ctx, "Issue security level updated", audit.PERMISSIONS, _level_item(level, scheme),
                 [audit.change("Member", member.holder_type if member.parameter is None
                               else f"{member.holder_type} ({member.parameter})", None)])
    ctx.db.delete(member)
    ctx.db.flush()


def scheme_for_edit(db: Session, scheme_id: str) -> IssueSecurityScheme:
    number = db_id(scheme_id)
    if number is None:
        raise NotFound(f"The issue security scheme with id {scheme_id} does not exist.")
    return get_security_scheme(db, number)


def _item(scheme: IssueSecurityScheme) -> audit.Item:
    return audit.Item(scheme.id, scheme.name, "SCHEME")


def _level_item(level: IssueSecurityLevel, scheme: IssueSecurityScheme) -> audit.Item:
    return audit.Item(level.id, level.name, "SECURITY_LEVEL", scheme.id, scheme.name)
