"""Attachment rules: enabled or not, the size limit, add (several at once), find, remove, expand."""

from __future__ import annotations

import mimetypes
import re
from typing import IO, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, Forbidden, NotFound
from ticketry.db.base import utcnow
from ticketry.platform.appsettings.service import get_bool, get_int
from ticketry.platform.attachments import archive, trash
from ticketry.platform.attachments.models import Attachment
from ticketry.platform.attachments.render import attachment_json, has_thumbnail
from ticketry.platform.attachments.storage import Storage, storage_for
from ticketry.platform.attachments.thumbnails import thumbnail_png
from ticketry.platform.attachments.uploads import UploadedFile
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions.checks import can_see_issue, deny, require_on_issue
from ticketry.platform.permissions.engine import access
from ticketry.platform.users.models import User

ENABLED = "jira.option.allowattachments"
SIZE_LIMIT = "jira.attachment.size"
ZIP_ENTRIES = "jira.attachment.number.of.zip.entries"
MAX_DB_INT = 2**31 - 1
MAX_FILENAME = 255
MAX_MIME = 100
DEFAULT_TYPE = "application/octet-stream"
MIME_PATTERN = re.compile(r"[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*")


def enabled(db: Session) -> bool:
    return get_bool(db, ENABLED)


def upload_limit(db: Session) -> int:
    return get_int(db, SIZE_LIMIT)


def storage(ctx: RequestContext) -> Storage:
    return storage_for(ctx.settings.data_dir)


def check_can_upload(db: Session) -> int:
    """The size limit; 403 when attachments are disabled."""
    if not enabled(db):
        raise Forbidden("Attachments are disabled.")
    return upload_limit(db)


def check_can_attach(ctx: RequestContext, issue: Issue) -> None:
    require_on_issue(ctx, "CREATE_ATTACHMENTS", issue,
                     "You do not have permission to create attachments for this issue.")


def _check_enabled(db: Session) -> None:
    if not enabled(db):
        raise NotFound("Attachments are disabled.")


def mime_type_of(upload: UploadedFile) -> str:
    guessed = mimetypes.guess_type(upload.filename)[0]
    sent = upload.content_type.strip().lower()
    if guessed:
        return guessed
    if sent == DEFAULT_TYPE:
        return DEFAULT_TYPE
    return sent if len(sent) <= MAX_MIME and MIME_PATTERN.fullmatch(sent) else DEFAULT_TYPE


def check_files(files: list[UploadedFile]) -> None:
    if not files:
        raise BadRequest("No attachments were sent: the files must be in parts named 'file'.")
    for upload in files:
        name = upload.filename
        if not name.strip() or len(name) > MAX_FILENAME or any(ord(c) < 32 or c in "/\\" for c in name):
            raise BadRequest(errors={"file": f"The file name '{name[:MAX_FILENAME]}' is not valid."})


def store_files(store: Storage, files: list[UploadedFile]) -> list[str]:
    """Puts every file in the storage (outside the request transaction); all or none."""
    stored: list[str] = []
    try:
        for upload in files:
            stored.append(store.put(upload.file))
    except Exception:
        discard_stored(store, stored)
        raise
    return stored


def discard_stored(store: Storage, keys: list[str]) -> None:
    for key in keys:
        store.delete(key)


def add_attachments(ctx: RequestContext, issue: Issue, stored: list[tuple[UploadedFile, str]]) -> list[dict[str, Any]]:
    """The rows of files already in the storage; the caller removes the files if this fails."""
    now = utcnow()
    rows = [Attachment(issue_id=issue.id, author_id=ctx.user.id if ctx.user else None, filename=upload.filename,
                       mime_type=mime_type_of(upload), size=upload.size, created=now, storage_key=key)
            for upload, key in stored]
    ctx.db.add_all(rows)
    issue.updated = now
    ctx.db.flush()
    return [attachment_json(ctx, row, ctx.user) for row in rows]


def get_attachment(ctx: RequestContext, attachment_id: str) -> tuple[Attachment, User | None]:
    _check_enabled(ctx.db)
    text = attachment_id.strip()
    number = int(text) if text.isascii() and text.isdigit() and int(text) <= MAX_DB_INT else 0
    row = ctx.db.execute(select(Attachment, User).outerjoin(User, User.id == Attachment.author_id)
                         .where(Attachment.id == number)).first()
    if row is None:
        raise NotFound(f"Could not find attachment with id: {attachment_id}")
    # Reading an attachment (metadata, content, thumbnail, archive entries) needs browsing its issue.
    issue = ctx.db.get(Issue, row[0].issue_id)
    if issue is None or not can_see_issue(ctx, issue):
        raise deny(ctx, f"You do not have permission to view attachment with id: {row[0].id}")
    return row[0], row[1]


def attachment_view(ctx: RequestContext, attachment_id: str) -> dict[str, Any]:
    return attachment_json(ctx, *get_attachment(ctx, attachment_id))


def remove_attachment(ctx: RequestContext, attachment_id: str) -> None:
    attachment, _author = get_attachment(ctx, attachment_id)
    issue = ctx.db.get(Issue, attachment.issue_id)
    assert issue is not None  # get_attachment checked it
    viewer = access(ctx)
    own = ctx.user is not None and attachment.author_id == ctx.user.id
    if not (viewer.can_on_issue("DELETE_ALL_ATTACHMENTS", issue)
            or (own and viewer.can_on_issue("DELETE_OWN_ATTACHMENTS", issue))):
        raise deny(ctx, "You do not have permission to delete attachment with id: " + str(attachment.id))
    ctx.db.execute(delete(Attachment).where(Attachment.id == attachment.id))
    trash.throw_away(ctx.db, [attachment.storage_key])


def open_content(ctx: RequestContext, attachment: Attachment) -> IO[bytes]:
    return storage(ctx).open(attachment.storage_key)


def thumbnail(ctx: RequestContext, attachment_id: str) -> bytes:
    attachment, _author = get_attachment(ctx, attachment_id)
    if not has_thumbnail(attachment):
        raise NotFound("This attachment has no thumbnail.")
    return thumbnail_png(open_content(ctx, attachment))


def expand(ctx: RequestContext, attachment_id: str, human: bool) -> dict[str, Any]:
    attachment, _author = get_attachment(ctx, attachment_id)
    archive.check_archive(attachment)
    entries, total = archive.read_entries(open_content(ctx, attachment), get_int(ctx.db, ZIP_ENTRIES))
    return archive.human_json(attachment, entries, total) if human else archive.raw_json(entries, total)

