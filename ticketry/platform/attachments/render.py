"""Wire shapes of attachments: metadata, meta, and the entries of archives."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ticketry.core.context import RequestContext
from ticketry.core.timefmt import format_datetime
from ticketry.platform.attachments.models import Attachment
from ticketry.platform.users.models import User
from ticketry.platform.users.render import user_ref

THUMBNAIL_TYPES = frozenset({"image/png", "image/jpeg", "image/pjpeg", "image/gif", "image/bmp", "image/webp"})


def has_thumbnail(attachment: Attachment) -> bool:
    return attachment.mime_type in THUMBNAIL_TYPES


def content_path(attachment: Attachment) -> str:
    return f"/secure/attachment/{attachment.id}/{quote(attachment.filename, safe='')}"


def thumbnail_path(attachment: Attachment) -> str:
    return f"/secure/thumbnail/{attachment.id}/_thumb_{attachment.id}.png"


def attachment_json(ctx: RequestContext, attachment: Attachment, author: User | None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "self": ctx.api(f"attachment/{attachment.id}"),
        "id": str(attachment.id),
        "filename": attachment.filename,
        "created": format_datetime(attachment.created),
        "size": attachment.size,
        "mimeType": attachment.mime_type,
        "content": ctx.url(content_path(attachment)),
    }
    if author is not None:
        body["author"] = user_ref(ctx, author)
    if has_thumbnail(attachment):
        body["thumbnail"] = ctx.url(thumbnail_path(attachment))
    return body


def meta_json(enabled: bool, upload_limit: int) -> dict[str, Any]:
    return {"enabled": enabled, "uploadLimit": upload_limit}
