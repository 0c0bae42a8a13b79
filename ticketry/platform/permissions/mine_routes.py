"""mypermissions, the permission catalog and permitted projects."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ticketry.core.body import JsonObject
from ticketry.core.deps import AdminCtx, Ctx, UserCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.permissions import mine

router = APIRouter(route_class=JiraRoute, tags=["permissions"])


@router.get("/mypermissions")
def my_permissions(ctx: Ctx, projectKey: str | None = None, projectId: str | None = None,  # noqa: N803
                   issueKey: str | None = None, issueId: str | None = None,  # noqa: N803
                   permissions: str | None = None) -> dict[str, Any]:
    return mine.my_permissions(ctx, project_key=projectKey, project_id=projectId, issue_key=issueKey,
                               issue_id=issueId, wanted=permissions)


@router.get("/permissions")
def all_permissions(ctx: AdminCtx) -> dict[str, Any]:
    return mine.all_permissions()


@router.post("/permissions/project")
def permitted_projects(body: JsonObject, ctx: UserCtx) -> dict[str, Any]:
    return mine.permitted_projects(ctx, body)
