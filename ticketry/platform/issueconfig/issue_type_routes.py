"""Issue type administration over HTTP: create, update, delete, alternatives and avatar uploads.

Changing issue types needs a Jira administrator; reading alternatives, any logged-in user.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Response

from ticketry.core.deps import AdminCtx, UserCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import config as audit
from ticketry.platform.avatars import service as avatars
from ticketry.platform.avatars.owners import Owner
from ticketry.platform.avatars.uploads import Upload, crop, read_upload
from ticketry.platform.issueconfig import issue_types
from ticketry.platform.issueconfig.alternatives import alternative_issue_types
from ticketry.platform.issueconfig.render import issue_type_json
from ticketry.platform.issueconfig.schemas import IssueTypeCreate, IssueTypeUpdate
from ticketry.platform.issueconfig.service import get_issue_type

router = APIRouter(route_class=JiraRoute)


@router.post("/issuetype", status_code=201)
def create_issue_type(ctx: AdminCtx, body: Annotated[IssueTypeCreate, Body()]) -> dict[str, Any]:
    return issue_type_json(ctx, issue_types.create_issue_type(ctx, body))


@router.put("/issuetype/{id}")
def update_issue_type(ctx: AdminCtx, id: str, body: Annotated[IssueTypeUpdate, Body()]) -> dict[str, Any]:  # noqa: A002
    issue_type = issue_types.update_issue_type(ctx, get_issue_type(ctx.db, id), body)
    return issue_type_json(ctx, issue_type)


@router.delete("/issuetype/{id}", status_code=204)
def delete_issue_type(ctx: AdminCtx, id: str, alternativeIssueTypeId: str | None = None) -> Response:  # noqa: A002, N803
    issue_types.delete_issue_type(ctx, get_issue_type(ctx.db, id), alternativeIssueTypeId)
    return Response(status_code=204)


@router.get("/issuetype/{id}/alternatives")
def alternatives(ctx: UserCtx, id: str) -> list[dict[str, Any]]:  # noqa: A002 (Jira's name)
    return [issue_type_json(ctx, t) for t in alternative_issue_types(ctx.db, get_issue_type(ctx.db, id))]


@router.post("/issuetype/{id}/avatar2", status_code=201)
def upload_avatar(id: str, upload: Annotated[Upload, Depends(read_upload)], ctx: AdminCtx,  # noqa: A002
                  x: int = 0, y: int = 0, size: int | None = None) -> dict[str, Any]:
    """Stores the cropped image as a custom avatar of the type; PUT /issuetype/{id} selects it."""
    issue_type = get_issue_type(ctx.db, id)
    avatar = avatars.create_custom_avatar(ctx.db, str(issue_type.id), upload.data, crop(x, y, size),
                                          upload.file_name, avatars.ISSUE_TYPE)
    audit.avatar_added(ctx, Owner(avatars.ISSUE_TYPE, issue_type), avatar.id)
    return avatars.avatar_json(ctx, avatar.id, owner=str(issue_type.id), selected=False,
                               avatar_type=avatars.ISSUE_TYPE)
