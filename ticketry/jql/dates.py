"""JQL date values: absolute formats, relative offsets and the date functions, in a time zone."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

ABSOLUTE_FORMATS = ("%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d", "%Y-%m-%d")
_RELATIVE = re.compile(r"^\s*([+-]?)((?:\s*\d+\s*[wdhm])+)\s*$", re.IGNORECASE)
_PART = re.compile(r"(\d+)\s*([wdhm])", re.IGNORECASE)
_INCREMENT = re.compile(r"^\s*([+-]?)(\d+)\s*([yMwdhm]?)\s*$")
UNIT_SECONDS = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60}


class BadDate(ValueError):
    pass


def parse_date_value(text: str, now: datetime) -> datetime:
    """An absolute date (in now's zone) or a relative offset from now; BadDate otherwise."""
    for fmt in ABSOLUTE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).replace(tzinfo=now.tzinfo)
        except ValueError:
            continue
    match = _RELATIVE.match(text)
    if match is None:
        raise BadDate(text)
    seconds = sum(int(n) * UNIT_SECONDS[u.lower()] for n, u in _PART.findall(match.group(2)))
    return now - timedelta(seconds=seconds) if match.group(1) == "-" else now + timedelta(seconds=seconds)


def is_date_only(text: str) -> bool:
    return bool(re.fullmatch(r"\s*\d{4}[/-]\d{1,2}[/-]\d{1,2}\s*", text))


def _shift(moment: datetime, amount: int, unit: str) -> datetime:
    if unit in ("y", "M"):
        months = moment.month - 1 + amount * (12 if unit == "y" else 1)
        year, month = moment.year + months // 12, months % 12 + 1
        return moment.replace(year=year, month=month, day=min(moment.day, monthrange(year, month)[1]))
    return moment + timedelta(seconds=amount * UNIT_SECONDS[unit])


def _start(moment: datetime, period: str) -> datetime:
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "day":
        return day
    if period == "week":  # weeks start on Sunday, as in Jira's default (en_US) locale
        return day - timedelta(days=(day.weekday() + 1) % 7)
    if period == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


DEFAULT_UNIT = {"day": "d", "week": "w", "month": "M", "year": "y"}
NEXT = {"day": (1, "d"), "week": (1, "w"), "month": (1, "M"), "year": (1, "y")}


def period_function(name: str, args: tuple[str, ...], now: datetime) -> datetime:
    """startOfDay/Week/Month/Year and endOf...: the boundary of the period, shifted by an increment."""
    edge, period = ("start", name[7:].lower()) if name.lower().startswith("startof") else ("end", name[5:].lower())
    moment = now
    if args:
        match = _INCREMENT.match(args[0])
        if match is None:
            raise BadDate(args[0])
        sign, amount, unit = match.groups()
        moment = _shift(now, -int(amount) if sign == "-" else int(amount), unit or DEFAULT_UNIT[period])
    start = _start(moment, period)
    if edge == "start":
        return start
    step, unit = NEXT[period]
    return _shift(start, step, unit) - timedelta(milliseconds=1)


PERIOD_FUNCTIONS = {f"{edge}of{p}" for edge in ("start", "end") for p in ("day", "week", "month", "year")}


def user_now(time_zone: str | None, utc_now: datetime) -> datetime:
    try:
        zone = ZoneInfo(time_zone or "UTC")
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    return utc_now.astimezone(zone)
