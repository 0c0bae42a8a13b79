"""Jira's time tracking durations ("3w 4d 12h 30m") to seconds and back."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached
from ticketry.platform.appsettings.service import get_float

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([wdhm])", re.IGNORECASE)
_WHOLE = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*[wdhm]\s*)+$", re.IGNORECASE)


@dataclass(frozen=True)
class WorkTime:
    hours_per_day: float = 8.0
    days_per_week: float = 5.0

    def unit_seconds(self) -> dict[str, float]:
        day = self.hours_per_day * 3600
        return {"w": day * self.days_per_week, "d": day, "h": 3600, "m": 60}

    def parse(self, text: str) -> int | None:
        """Seconds of a duration; a bare number means minutes (as Jira reads it). None if invalid."""
        value = text.strip()
        if value.isdigit():
            return int(value) * 60
        if not _WHOLE.match(value):
            return None
        units = self.unit_seconds()
        return int(sum(float(n) * units[u.lower()] for n, u in _PART.findall(value)))

    def format(self, seconds: int | None) -> str | None:
        if seconds is None:
            return None
        if seconds == 0:
            return "0m"
        parts = []
        rest = seconds
        for unit, size in self.unit_seconds().items():
            count = int(rest // size)
            if count:
                parts.append(f"{count}{unit}")
                rest -= int(count * size)
        return " ".join(parts) or "0m"


def work_time(db: Session) -> WorkTime:
    """The time tracking settings (from the per-process configuration cache)."""
    return cached(db, "work_time", _load_work_time)


def _load_work_time(db: Session) -> WorkTime:
    return WorkTime(get_float(db, "jira.timetracking.hours.per.day"),
                    get_float(db, "jira.timetracking.days.per.week"))
