"""Worklogs across issues: updated or deleted since an instant (paged by time), and by ids."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.platform.permissions.engine import access
from ticketry.platform.worklogs.models import DeletedWorklog, Worklog
from ticketry.platform.worklogs.service import visible_anywhere

PAGE_SIZE = 1000
MAX_IDS = 1000
MAX_MILLIS = 253402300799999  # 9999-12-31T23:59:59.999Z
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def millis(value: datetime) -> int:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return (value - EPOCH) // timedelta(milliseconds=1)


def _instant(since: int) -> datetime:
    if since < 0 or since > MAX_MILLIS:
        raise BadRequest(errors={"since": "The value of since must be a time in milliseconds since the epoch."})
    return datetime.fromtimestamp(since / 1000, tz=UTC)


def _cut(rows: list[tuple[int, datetime]]) -> tuple[list[tuple[int, int]], int | None]:
    """At most PAGE_SIZE (id, millis) rows and where the next page starts (None on the last page).

    A page never splits the rows of one millisecond, so the next page (since = its first millisecond)
    neither repeats nor skips any row.
    """
    stamped = [(row_id, millis(when)) for row_id, when in rows]
    if len(stamped) <= PAGE_SIZE:
        return stamped, None
    next_since = stamped[PAGE_SIZE][1]
    kept = [row for row in stamped[:PAGE_SIZE] if row[1] < next_since]
    if not kept:  # more than a page within one millisecond: the next page starts after it
        return stamped[:PAGE_SIZE], next_since + 1
    return kept, next_since


def updated_since(ctx: RequestContext, since: int) -> tuple[list[tuple[int, int]], int | None]:
    query = (visible_anywhere(access(ctx)).with_only_columns(Worklog.id, Worklog.updated)
             .where(Worklog.updated >= _instant(since)).order_by(Worklog.updated, Worklog.id))
    return _cut(list(ctx.db.execute(query.limit(PAGE_SIZE + 1))))


def deleted_since(db: Session, since: int) -> tuple[list[tuple[int, int]], int | None]:
    query = (select(DeletedWorklog.worklog_id, DeletedWorklog.deleted)
             .where(DeletedWorklog.deleted >= _instant(since))
             .order_by(DeletedWorklog.deleted, DeletedWorklog.worklog_id))
    return _cut(list(db.execute(query.limit(PAGE_SIZE + 1))))


def parse_ids(data: Any) -> list[int]:
    ids = data.get("ids") if isinstance(data, dict) else None
    if not isinstance(ids, list) or any(isinstance(i, bool) or not isinstance(i, int) for i in ids):
        raise BadRequest(errors={"ids": "The ids must be a list of worklog ids."})
    if len(ids) > MAX_IDS:
        raise BadRequest(errors={"ids": f"Too many worklog ids: at most {MAX_IDS} may be requested."})
    return sorted({i for i in ids if 0 < i <= 2**31 - 1})


def worklogs_by_ids(ctx: RequestContext, ids: list[int]) -> list[Worklog]:
    if not ids:
        return []
    return list(ctx.db.scalars(visible_anywhere(access(ctx)).where(Worklog.id.in_(ids)).order_by(Worklog.id)))
