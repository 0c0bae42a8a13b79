"""HTTP of project avatars: list, upload (avatar2), select, delete, and the image URLs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from ticketry.core.deps import AdminCtx, Ctx, UserCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import config as audit
from ticketry.platform.avatars import service
from ticketry.platform.avatars.images import sized
from ticketry.platform.avatars.owners import Owner, get_owner
from ticketry.platform.avatars.uploads import Upload, crop, read_upload
from ticketry.platform.projects.schemas import AvatarSelection
from ticketry.platform.projects.service import find_project, get_project

router = APIRouter(route_class=JiraRoute, tags=["avatars"])
API = "/rest/api/2"


@router.get(API + "/project/{projectIdOrKey}/avatars")
def project_avatars(projectIdOrKey: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: N803
    project = get_project(ctx.db, projectIdOrKey)
    return service.project_avatars_json(ctx, str(project.id), project.avatar_id)


@router.post(API + "/project/{projectIdOrKey}/avatar2", status_code=201)
def upload_project_avatar(projectIdOrKey: str, upload: Annotated[Upload, Depends(read_upload)],  # noqa: N803
                          ctx: AdminCtx, x: int = 0, y: int = 0, size: int | None = None,
                          width: int | None = None) -> dict[str, Any]:
    project = get_project(ctx.db, projectIdOrKey)
    avatar = service.create_custom_avatar(ctx.db, str(project.id), upload.data, crop(x, y, size or width),
                                          upload.file_name)
    audit.avatar_added(ctx, Owner(service.PROJECT, project), avatar.id)
    return service.avatar_json(ctx, avatar.id, owner=str(project.id), selected=avatar.id == project.avatar_id)


@router.put(API + "/project/{projectIdOrKey}/avatar", status_code=204)
def select_project_avatar(projectIdOrKey: str, body: AvatarSelection, ctx: AdminCtx) -> Response:  # noqa: N803
    project = get_project(ctx.db, projectIdOrKey)
    before = project.avatar_id
    project.avatar_id = service.usable_avatar(ctx.db, body.id, str(project.id))
    ctx.db.flush()
    audit.project_avatar_changed(ctx, project, before)
    return Response(status_code=204)


@router.delete(API + "/project/{projectIdOrKey}/avatar/{id}", status_code=204)
def delete_project_avatar(projectIdOrKey: str, id: str, ctx: AdminCtx) -> Response:  # noqa: N803, A002
    project = get_project(ctx.db, projectIdOrKey)
    before = project.avatar_id
    deleted = service.delete_custom_avatar(ctx.db, id, str(project.id))
    if project.avatar_id == deleted:
        project.avatar_id = service.DEFAULT_PROJECT_AVATAR
    ctx.db.flush()
    audit.avatar_deleted(ctx, Owner(service.PROJECT, project), deleted)
    audit.project_avatar_changed(ctx, project, before)

    return Response(status_code=204)


@router.get(API + "/avatar/{type}/system")
def system_avatars(type: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: A002 (Jira's name)
    return service.system_avatars_json(ctx, type)


@router.get(API + "/universal_avatar/type/{type}/owner/{entityId}")
def owner_avatars(type: str, entityId: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: A002, N803
    owner = get_owner(ctx.db, type, entityId)
    return service.avatars_json(ctx, owner.owner_id, owner.selected, owner.avatar_type)


@router.post(API + "/universal_avatar/type/{type}/owner/{entityId}", status_code=201)
def upload_owner_avatar(type: str, entityId: str, upload: Annotated[Upload, Depends(read_upload)],  # noqa: A002, N803
                        ctx: AdminCtx, x: int = 0, y: int = 0, size: int | None = None) -> dict[str, Any]:
    owner = get_owner(ctx.db, type, entityId)
    avatar = service.create_custom_avatar(ctx.db, owner.owner_id, upload.data, crop(x, y, size), upload.file_name,
                                          owner.avatar_type)
    audit.avatar_added(ctx, owner, avatar.id)
    return service.avatar_json(ctx, avatar.id, owner=owner.owner_id, selected=False, avatar_type=owner.avatar_type)


@router.delete(API + "/universal_avatar/type/{type}/owner/{owningObjectId}/avatar/{id}", status_code=204)
def delete_owner_avatar(type: str, owningObjectId: str, id: str, ctx: AdminCtx) -> Response:  # noqa: A002, N803
    owner = get_owner(ctx.db, type, owningObjectId)
    deleted = service.delete_custom_avatar(ctx.db, id, owner.owner_id, owner.avatar_type)
    if owner.selected == deleted:
        owner.reset()
    ctx.db.flush()
    audit.avatar_deleted(ctx, owner, deleted)
    return Response(status_code=204)


@router.get("/secure/projectavatar")
def project_avatar_image(ctx: Ctx, size: str | None = None, pid: str | None = None,
                         avatarId: int | None = None) -> Response:  # noqa: N803
    avatar_id = avatarId
    if avatar_id is None and pid is not None:
        project = find_project(ctx.db, pid)
        avatar_id = project.avatar_id if project is not None else None
    return _image(ctx, avatar_id, size)


@router.get("/secure/viewavatar")
def avatar_image(ctx: Ctx, size: str | None = None, avatarId: int | None = None,  # noqa: N803
                 avatarType: str | None = None) -> Response:  # noqa: N803
    """Images of issue type and other avatars by id (generated for built-in ids)."""
    return _image(ctx, avatarId, size, fallback=None)


@router.get("/secure/useravatar")
def user_avatar_image(ctx: Ctx, size: str | None = None, ownerId: str | None = None,  # noqa: N803
                      avatarId: int | None = None) -> Response:  # noqa: N803
    """User avatar images, so that every user's avatarUrls resolve (generated until users upload)."""
    return _image(ctx, avatarId if avatarId is not None else _seed(ownerId or ""), size, fallback=None)


def _seed(text: str) -> int:
    return sum((i + 1) * ord(c) for i, c in enumerate(text)) + 1_000_000


def _image(ctx: Ctx, avatar_id: int | None, size: str | None, *,
           fallback: int | None = service.DEFAULT_PROJECT_AVATAR) -> Response:
    data, media_type = service.image(ctx.db, avatar_id, fallback=fallback)
    if media_type == "image/png":
        data = sized(data, size)
    return Response(content=data, media_type=media_type, headers={"Cache-Control": "private, max-age=3600"})
