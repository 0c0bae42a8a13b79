"""HTTP of attachments: upload to an issue, metadata, delete, meta, zip expansion, downloads."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from ticketry.core.context import RequestContext
from ticketry.core.deps import Ctx, UserCtx
from ticketry.core.errors import NotAuthenticated
from ticketry.core.routing import JiraRoute
from ticketry.platform.attachments import service
from ticketry.platform.attachments.render import THUMBNAIL_TYPES, meta_json
from ticketry.platform.attachments.storage import chunks, storage_for
from ticketry.platform.attachments.uploads import UploadedFile, discard, receive_files
from ticketry.platform.auth.service import AUTH_FAILED, SESSION_COOKIE
from ticketry.platform.permissions.checks import visible_issue

router = APIRouter(route_class=JiraRoute, tags=["attachments"])
API = "/rest/api/2"
log = logging.getLogger("ticketry")
Stored = list[tuple[UploadedFile, str]]


def _preflight(request: Request, issue_id_or_key: str) -> int:
    """Before reading the body: the caller, attachments enabled, the issue; returns the size limit."""
    state = request.app.state
    user = state.authenticator.from_headers(request.headers.get("authorization"), request.cookies.get(SESSION_COOKIE))
    if user is None:
        raise NotAuthenticated(AUTH_FAILED)
    with state.read_sessions() as db:
        limit = service.check_can_upload(db)
        ctx = RequestContext(db=db, settings=state.settings, base_url=state.base_url_for(request, db), user=user)
        service.check_can_attach(ctx, visible_issue(ctx, issue_id_or_key))
        return limit


async def _files(request: Request, issueIdOrKey: str) -> AsyncIterator[Stored]:  # noqa: N803
    """Streams the upload to temporary files, then into the storage, before the write transaction;
    the stored files are removed again when anything after fails (the commit included)."""
    limit = await run_in_threadpool(_preflight, request, issueIdOrKey)
    files = await receive_files(request.headers.get("content-type", ""), request.stream(), limit)
    try:
        service.check_files(files)
        store = storage_for(request.app.state.settings.data_dir)
        keys = await run_in_threadpool(service.store_files, store, files)
        try:
            yield list(zip(files, keys, strict=True))
        except BaseException:
            await run_in_threadpool(service.discard_stored, store, keys)
            raise
    finally:
        discard(files)


@router.post(API + "/issue/{issueIdOrKey}/attachments")
def add_attachments(issueIdOrKey: str, files: Annotated[Stored, Depends(_files, scope="function")],  # noqa: N803
                    ctx: UserCtx) -> list[dict[str, Any]]:
    service.check_can_upload(ctx.db)
    issue = visible_issue(ctx, issueIdOrKey)
    service.check_can_attach(ctx, issue)
    return service.add_attachments(ctx, issue, files)


@router.get(API + "/attachment/meta")
def attachment_meta(ctx: Ctx) -> dict[str, Any]:
    return meta_json(service.enabled(ctx.db), service.upload_limit(ctx.db))


@router.get(API + "/attachment/{attachment_id}")
def get_attachment(attachment_id: str, ctx: Ctx) -> dict[str, Any]:
    return service.attachment_view(ctx, attachment_id)


@router.delete(API + "/attachment/{attachment_id}", status_code=204)
def remove_attachment(attachment_id: str, ctx: UserCtx) -> Response:
    # The file goes with the purge job the deletion enqueued (attachments/tasks.py), after the commit.
    service.remove_attachment(ctx, attachment_id)
    return Response(status_code=204)


@router.get(API + "/attachment/{attachment_id}/expand/human")
def expand_human(attachment_id: str, ctx: Ctx) -> dict[str, Any]:
    return service.expand(ctx, attachment_id, human=True)


@router.get(API + "/attachment/{attachment_id}/expand/raw")
def expand_raw(attachment_id: str, ctx: Ctx) -> dict[str, Any]:
    return service.expand(ctx, attachment_id, human=False)


def content_disposition(filename: str, inline: bool) -> str:
    """RFC 6266 with an ASCII fallback and RFC 5987 filename*: no quotes, controls or separators leak."""
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\;%' else "_" for c in filename) or "download"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@router.get("/secure/attachment/{attachment_id}/{filename}")
def download(attachment_id: str, filename: str, ctx: Ctx) -> StreamingResponse:
    attachment, _author = service.get_attachment(ctx, attachment_id)
    stream = service.open_content(ctx, attachment)
    headers = {
        "Content-Length": str(attachment.size),
        "Content-Disposition": content_disposition(attachment.filename, attachment.mime_type in THUMBNAIL_TYPES),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
    }
    return StreamingResponse(chunks(stream), media_type=attachment.mime_type, headers=headers)


@router.get("/secure/thumbnail/{attachment_id}/{filename}")
def thumbnail(attachment_id: str, filename: str, ctx: Ctx) -> Response:
    return Response(service.thumbnail(ctx, attachment_id), media_type="image/png",
                    headers={"X-Content-Type-Options": "nosniff"})
