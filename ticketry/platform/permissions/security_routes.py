"""Issue security: the v2 read of a project's settable levels, and Ticketry's admin API for schemes, levels
and level members (Jira has no REST API for these edits)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy import select

from ticketry.core.body import JsonObject
from ticketry.core.deps import AdminCtx, UserCtx
from ticketry.core.errors import NotFound
from ticketry.core.routing import JiraRoute
from ticketry.platform.permissions import security_admin as admin
from ticketry.platform.permissions.checks import can_browse_project
from ticketry.platform.permissions.engine import access
from ticketry.platform.permissions.holders import holder_json
from ticketry.platform.permissions.models import IssueSecurityLevel, IssueSecurityLevelMember
from ticketry.platform.permissions.render import security_level_json, security_scheme_json
from ticketry.platform.permissions.service import security_levels
from ticketry.platform.projects.service import find_project

v2 = APIRouter(route_class=JiraRoute, tags=["issue security"])
router = APIRouter(route_class=JiraRoute, prefix="/rest/ticketry/1", tags=["issue security (Ticketry admin)"])


@v2.get("/project/{projectKeyOrId}/securitylevel")
def project_security_levels(projectKeyOrId: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: N803
    project = find_project(ctx.db, projectKeyOrId)
    if project is None or not can_browse_project(ctx, project.id):
        raise NotFound(f"No project could be found with key '{projectKeyOrId}'.")
    checker = access(ctx)
    if project.issue_security_scheme_id is None or not checker.can("SET_ISSUE_SECURITY", project.id):
        return {"levels": []}
    levels = ctx.db.scalars(select(IssueSecurityLevel).where(
        IssueSecurityLevel.scheme_id == project.issue_security_scheme_id).order_by(IssueSecurityLevel.name))
    return {"levels": [security_level_json(ctx, level) for level in levels
                       if checker.may_hold_level(level.id, project.id)]}


def _scheme_body(ctx: AdminCtx, scheme_id: int) -> dict[str, Any]:
    scheme = admin.scheme_for_edit(ctx.db, str(scheme_id))
    return security_scheme_json(ctx, scheme, security_levels(ctx.db, scheme.id))


def _member_json(ctx: AdminCtx, member: IssueSecurityLevelMember) -> dict[str, Any]:
    return {"id": member.id, "holder": holder_json(ctx, member.holder_type, member.parameter, {"all"})}


@router.post("/issuesecurityschemes", status_code=201)
def create_scheme(body: JsonObject, ctx: AdminCtx) -> dict[str, Any]:
    return _scheme_body(ctx, admin.create_scheme(ctx, body).id)


@router.put("/issuesecurityschemes/{schemeId}")
def update_scheme(schemeId: str, body: JsonObject, ctx: AdminCtx) -> dict[str, Any]:  # noqa: N803
    scheme = admin.update_scheme(ctx, admin.scheme_for_edit(ctx.db, schemeId), body)
    return _scheme_body(ctx, scheme.id)


@router.delete("/issuesecurityschemes/{schemeId}", status_code=204)
def delete_scheme(schemeId: str, ctx: AdminCtx) -> Response:  # noqa: N803
    admin.delete_scheme(ctx, admin.scheme_for_edit(ctx.db, schemeId))
    return Response(status_code=204)


@router.post("/issuesecurityschemes/{schemeId}/level", status_code=201)
def add_level(schemeId: str, body: JsonObject, ctx: AdminCtx) -> dict[str, Any]:  # noqa: N803
    return security_level_json(ctx, admin.add_level(ctx, admin.scheme_for_edit(ctx.db, schemeId), body))


@router.delete("/issuesecurityschemes/{schemeId}/level/{levelId}", status_code=204)
def delete_level(schemeId: str, levelId: str, ctx: AdminCtx,  # noqa: N803
                 replaceWith: str | None = None) -> Response:  # noqa: N803
    scheme = admin.scheme_for_edit(ctx.db, schemeId)
    admin.delete_level(ctx, scheme, admin.get_level(ctx.db, scheme, levelId), replaceWith)
    return Response(status_code=204)


@router.get("/issuesecurityschemes/{schemeId}/level/{levelId}/member")
def list_members(schemeId: str, levelId: str, ctx: AdminCtx) -> dict[str, Any]:  # noqa: N803
    level = admin.get_level(ctx.db, admin.scheme_for_edit(ctx.db, schemeId), levelId)
    return {"members": [_member_json(ctx, m) for m in admin.members(ctx.db, level)]}


@router.post("/issuesecurityschemes/{schemeId}/level/{levelId}/member", status_code=201)
def add_member(schemeId: str, levelId: str, body: JsonObject, ctx: AdminCtx) -> dict[str, Any]:  # noqa: N803
    scheme = admin.scheme_for_edit(ctx.db, schemeId)
    return _member_json(ctx, admin.add_member(ctx, scheme, admin.get_level(ctx.db, scheme, levelId), body))


@router.delete("/issuesecurityschemes/{schemeId}/level/{levelId}/member/{memberId}", status_code=204)
def delete_member(schemeId: str, levelId: str, memberId: str, ctx: AdminCtx) -> Response:  # noqa: N803
    scheme = admin.scheme_for_edit(ctx.db, schemeId)
    admin.delete_member(ctx, scheme, admin.get_level(ctx.db, scheme, levelId), memberId)
    return Response(status_code=204)
