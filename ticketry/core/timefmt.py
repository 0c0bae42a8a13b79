"""Jira's wire formats for instants (2017-12-06T07:05:45.886+0000) and dates (2011-03-11)."""

from __future__ import annotations

from datetime import UTC, date, datetime


def format_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    offset = value.utcoffset()
    if not offset:  # naive (stored UTC) or UTC: isoformat is C and several times faster than strftime
        return value.replace(tzinfo=None).isoformat(timespec="milliseconds") + "+0000"
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}" + value.strftime("%z")


def format_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def parse_date(value: str) -> date:
    """Parses yyyy-MM-dd; raises ValueError otherwise."""
    text = value.strip()
    if len(text) != 10:
        raise ValueError(f"'{value}' is not a date in the format yyyy-MM-dd")
    return date.fromisoformat(text)


def parse_datetime(value: str) -> datetime:
    """Accepts Jira's format and ISO 8601; naive values are taken as UTC."""
    text = value.strip()
    if len(text) >= 5 and text[-5] in "+-" and text[-4:].isdigit() and ":" not in text[-5:]:
        text = text[:-2] + ":" + text[-2:]
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
