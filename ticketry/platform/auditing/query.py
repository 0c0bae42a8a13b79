"""Reading the audit log: text filter, time window and paging, all in SQL, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, select, true
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest
from ticketry.core.timefmt import parse_datetime
from ticketry.platform.auditing.models import AuditRecord

# Jira: "if limit is <= 0 or > 1000, it will be set to default value: 1000".
DEFAULT_LIMIT = 1000
# Offsets beyond this return an empty page (databases refuse larger OFFSET values).
MAX_OFFSET = 2**31 - 1
# Each word is one LIKE condition; databases refuse conditions nested too deeply.
MAX_WORDS = 100
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, tzinfo=UTC)


@dataclass
class RecordPage:
    offset: int
    limit: int
    total: int
    records: list[AuditRecord]


def page_limit(limit: int | None) -> int:
    return DEFAULT_LIMIT if limit is None or limit <= 0 or limit > DEFAULT_LIMIT else limit


def parse_instant(name: str, raw: str | None) -> datetime | None:
    """An ISO 8601 instant or date (Jira's own format too); 400 naming the parameter otherwise."""
    if raw is None or raw.strip() == "":
        return None
    text = raw.strip()
    try:
        if text.lstrip("-").isdigit() and len(text) <= 15:
            # Epoch milliseconds, as some clients send instants.
            instant = datetime.fromtimestamp(int(text) / 1000, UTC)
        else:
            instant = parse_datetime(text)
        # Leaves room for the millisecond added to `to` (and for the database's own range).
        return min(max(instant, EARLIEST), LATEST).astimezone(UTC)
    except (ValueError, OverflowError, OSError):
        raise BadRequest(f"The value '{raw}' of the '{name}' parameter is not a valid timestamp.") from None


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(text: str | None, since: datetime | None, until: datetime | None) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = []
    # Every word of the filter must occur somewhere in the record.
    words = list(dict.fromkeys((text or "").replace("\x00", "").lower().split()))
    if len(words) > MAX_WORDS:
        raise BadRequest(f"The filter must not have more than {MAX_WORDS} words.")
    for word in words:
        conditions.append(AuditRecord.search_text.like(_like(word), escape="\\"))
    if since is not None:
        conditions.append(AuditRecord.created >= since)
    if until is not None:
        # `to` is inclusive to the millisecond shown in `created`, which drops the microseconds.
        conditions.append(AuditRecord.created < until.replace(microsecond=until.microsecond // 1000 * 1000)
                          + timedelta(milliseconds=1))
    return and_(true(), *conditions)


def find_records(db: Session, *, offset: int, limit: int, text: str | None,
                 since: datetime | None, until: datetime | None) -> RecordPage:
    where = _conditions(text, since, until)
    total = db.scalar(select(func.count()).select_from(AuditRecord).where(where)) or 0
    records: list[AuditRecord] = []
    if offset <= MAX_OFFSET and total > offset:
        records = list(db.scalars(
            select(AuditRecord).where(where)
            .order_by(AuditRecord.created.desc(), AuditRecord.id.desc())
            .offset(offset).limit(limit)
        ))
    return RecordPage(offset, limit, total, records)
