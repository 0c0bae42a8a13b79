"""Avatars of projects, issue types and users: built-in system sets, custom uploads, images.

System avatars are defined here (generated images). Reads use the definitions directly; the
first write that needs them (an upload, an entity pointing at one) stores their rows so that
uploaded avatars never take their ids.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, Forbidden, NotFound, PayloadTooLarge
from ticketry.core.ids import db_id
from ticketry.db.sequences import raise_id_floors
from ticketry.platform.avatars.images import cropped_png, open_upload, solid_png
from ticketry.platform.avatars.models import Avatar
from ticketry.platform.defaults import ISSUE_TYPES

PROJECT = "project"
ISSUE_TYPE = "issuetype"
USER = "user"
DEFAULT_PROJECT_AVATAR = 10011
PROJECT_COLOURS: dict[int, tuple[int, int, int]] = {
    10011: (0x00, 0x52, 0xCC), 10012: (0x36, 0xB3, 0x7E), 10013: (0xFF, 0xAB, 0x00),
    10014: (0xDE, 0x35, 0x0B), 10015: (0x65, 0x54, 0xC0), 10016: (0x00, 0xB8, 0xD9),
    10017: (0x42, 0x52, 0x6E), 10018: (0xFF, 0x56, 0x30), 10019: (0x57, 0xD9, 0xA3),
    10020: (0x6B, 0x77, 0x8C),
}
SYSTEM_AVATARS: dict[str, list[int]] = {
    PROJECT: list(PROJECT_COLOURS),
    # 10300 is Jira's default avatar of new issue types (issueconfig/issue_types.py).
    ISSUE_TYPE: sorted({10300, *(avatar for *_rest, avatar in ISSUE_TYPES)}),
    USER: [10122, *range(10500, 10506)],
}
SYSTEM_TYPES = {avatar_id: kind for kind, ids in SYSTEM_AVATARS.items() for avatar_id in ids}
IMAGE_PATHS = {PROJECT: "/secure/projectavatar?", ISSUE_TYPE: "/secure/viewavatar?avatarType=issuetype&",
               USER: "/secure/useravatar?"}
AVATAR_URL_SIZES = (("16x16", "xsmall"), ("24x24", "small"), ("32x32", "medium"), ("48x48", None))
MAX_UPLOAD_BYTES = 1024 * 1024
IMAGE_PIXELS = 48


def ensure_system_avatars(db: Session) -> None:
    """Stores the system avatar rows once (idempotent); call only in write transactions."""
    present = set(db.scalars(select(Avatar.id).where(Avatar.id.in_(list(SYSTEM_TYPES)))))
    missing = [i for i in SYSTEM_TYPES if i not in present]
    if not missing:
        return
    db.add_all(Avatar(id=i, avatar_type=SYSTEM_TYPES[i], system=True, file_name=f"{SYSTEM_TYPES[i]}-{i}.png",
                      content_type="image/png") for i in missing)
    db.flush()
    raise_id_floors(db.connection())


@lru_cache(maxsize=256)
def system_image(avatar_id: int) -> bytes:
    """The generated image of a system avatar; other ids get a colour of their own."""
    return solid_png(IMAGE_PIXELS, PROJECT_COLOURS.get(avatar_id) or _colour(avatar_id))


def _colour(seed: int) -> tuple[int, int, int]:
    mixed = (seed * 2654435761) & 0xFFFFFF
    return (mixed >> 16) & 0xBF, (mixed >> 8) & 0xBF, mixed & 0xBF


def custom_avatars(db: Session, owner_type: str, owner_id: str) -> list[Avatar]:
    return list(db.scalars(select(Avatar).where(
        Avatar.avatar_type == owner_type, Avatar.owner_id == owner_id, Avatar.system.is_(False)
    ).order_by(Avatar.id)))


def is_system(avatar_id: int, avatar_type: str = PROJECT) -> bool:
    return SYSTEM_TYPES.get(avatar_id) == avatar_type


def avatar_json(ctx: RequestContext, avatar_id: int, *, owner: str | None, selected: bool,
                avatar_type: str = PROJECT) -> dict[str, Any]:
    system = avatar_id in SYSTEM_TYPES
    body: dict[str, Any] = {"id": str(avatar_id)}
    if owner is not None and not system:
        body["owner"] = owner
    body.update({
        "isSystemAvatar": system,
        "isSelected": selected,
        "isDeletable": not system,
        "urls": avatar_urls(ctx, avatar_id, avatar_type),
        "selected": selected,
    })
    return body


def avatar_urls(ctx: RequestContext, avatar_id: int, avatar_type: str = PROJECT) -> dict[str, str]:
    path = IMAGE_PATHS[avatar_type]
    return {
        label: ctx.url(f"{path}size={size}&avatarId={avatar_id}" if size else f"{path}avatarId={avatar_id}")
        for label, size in AVATAR_URL_SIZES
    }


def system_avatars_json(ctx: RequestContext, avatar_type: str) -> dict[str, Any]:
    if avatar_type not in SYSTEM_AVATARS:
        raise NotFound(f"The avatar type '{avatar_type}' is not valid; use project, issuetype or user.")
    return {"system": [avatar_json(ctx, i, owner=None, selected=False, avatar_type=avatar_type)
                       for i in SYSTEM_AVATARS[avatar_type]]}


def avatars_json(ctx: RequestContext, owner_id: str, selected_id: int | None,
                 avatar_type: str = PROJECT) -> dict[str, Any]:
    """The {system, custom} lists of one owner, with its selected avatar marked."""
    custom = custom_avatars(ctx.db, avatar_type, owner_id)
    return {
        "system": [avatar_json(ctx, i, owner=None, selected=i == selected_id, avatar_type=avatar_type)
                   for i in SYSTEM_AVATARS[avatar_type]],
        "custom": [avatar_json(ctx, a.id, owner=owner_id, selected=a.id == selected_id, avatar_type=avatar_type)
                   for a in custom],
    }


def project_avatars_json(ctx: RequestContext, owner_id: str, selected_id: int | None) -> dict[str, Any]:
    return avatars_json(ctx, owner_id, selected_id, PROJECT)


def usable_avatar(db: Session, avatar_id: int | str, owner_id: str, avatar_type: str = PROJECT) -> int:
    """The id of a system avatar or of a custom one of this owner; 404 otherwise."""
    number = db_id(avatar_id)
    if number is not None and is_system(number, avatar_type):
        return number
    avatar = db.get(Avatar, number) if number is not None else None
    if avatar is None or avatar.avatar_type != avatar_type or avatar.owner_id != owner_id:
        raise NotFound(f"The avatar with id '{avatar_id}' does not exist.")
    return avatar.id


def create_custom_avatar(db: Session, owner_id: str, data: bytes, crop: tuple[int, int, int | None],
                         file_name: str = "", avatar_type: str = PROJECT) -> Avatar:
    """Stores an uploaded image after checking that it is an image and the crop square fits in it."""
    if not data:
        raise BadRequest("The request contains no image.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise PayloadTooLarge(f"The image is larger than the limit of {MAX_UPLOAD_BYTES} bytes.")
    x, y, side = crop
    png = cropped_png(open_upload(data), x, y, side)
    ensure_system_avatars(db)
    avatar = Avatar(avatar_type=avatar_type, owner_id=owner_id, system=False, file_name=file_name[:255],
                    content_type="image/png", data=png)
    db.add(avatar)
    db.flush()
    return avatar


def delete_custom_avatar(db: Session, avatar_id: str | int, owner_id: str, avatar_type: str = PROJECT) -> int:
    """Deletes a custom avatar of the owner and answers its id."""
    text = str(avatar_id)
    if text.isdigit() and int(text) in SYSTEM_TYPES:
        raise Forbidden("System avatars cannot be deleted.")
    number = usable_avatar(db, text, owner_id, avatar_type)
    db.execute(delete(Avatar).where(Avatar.id == number))
    return number


def delete_owned_avatars(db: Session, owner_type: str, owner_id: str) -> None:
    db.execute(delete(Avatar).where(Avatar.avatar_type == owner_type, Avatar.owner_id == owner_id,
                                    Avatar.system.is_(False)))


def image(db: Session, avatar_id: int | None, *, fallback: int | None = DEFAULT_PROJECT_AVATAR) -> tuple[bytes, str]:
    """The bytes and content type of an avatar. Unknown ids get the fallback's image, or with no
    fallback a generated image of their own."""
    if avatar_id is not None and avatar_id not in SYSTEM_TYPES:
        avatar = db.get(Avatar, avatar_id) if db_id(avatar_id) is not None else None
        if avatar is not None and avatar.data:
            return avatar.data, avatar.content_type
        if fallback is not None:
            avatar_id = fallback
    return system_image(avatar_id if avatar_id is not None else DEFAULT_PROJECT_AVATAR), "image/png"
