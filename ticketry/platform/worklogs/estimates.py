"""Time tracking of an issue as worklogs change: Jira's adjustEstimate modes, as SQL arithmetic.

The issue's columns are changed with one UPDATE each time (`time_spent = coalesce(time_spent, 0) + :x`),
never read-modify-write, so concurrent worklog writes on one issue keep the totals exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select, update
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest
from ticketry.db.base import utcnow
from ticketry.platform.issues.changelog import Change
from ticketry.platform.issues.durations import WorkTime
from ticketry.platform.issues.models import Issue

ADD_MODES = ("new", "leave", "manual", "auto")
UPDATE_MODES = ("new", "leave", "auto")
DELETE_MODES = ADD_MODES
MAX_SECONDS = 2**31 - 1  # the columns are 32-bit integers
MESSAGES = {
    "newEstimate": "You must supply a valid new estimate.",
    "reduceBy": "You must supply a valid amount of time to reduce the estimate by.",
    "increaseBy": "You must supply a valid amount of time to increase the estimate by.",
}


@dataclass(frozen=True)
class Adjustment:
    """What to do with the remaining estimate: mode and, for new/manual, the amount in seconds."""

    mode: str
    amount: int | None = None


def parse_adjustment(work: WorkTime, params: dict[str, Any], modes: tuple[str, ...],
                     manual_param: str | None) -> Adjustment:
    mode = params.get("adjustEstimate") or "auto"
    if mode not in modes:
        raise BadRequest(errors={"adjustEstimate": f"Invalid value for adjustEstimate: '{mode}'. Valid values are "
                                                   f"{', '.join(modes)}."})
    if mode == "new":
        return Adjustment(mode, _duration(work, params.get("newEstimate"), "newEstimate"))
    if mode == "manual" and manual_param is not None:
        return Adjustment(mode, _duration(work, params.get(manual_param), manual_param))
    return Adjustment(mode)


def _duration(work: WorkTime, raw: Any, name: str) -> int:
    seconds = work.parse(raw) if isinstance(raw, str) and raw.strip() else None
    if seconds is None or seconds > MAX_SECONDS:
        raise BadRequest(errors={name: MESSAGES[name]})
    return seconds


def _at_least_zero(value: ColumnElement[Any]) -> ColumnElement[Any]:
    return case((value < 0, literal(0)), else_=value)


def _remaining(adjustment: Adjustment, delta: int) -> ColumnElement[Any] | None:
    """The new remaining estimate for a change of `delta` seconds logged (negative when removed)."""
    remaining = Issue.remaining_estimate
    if adjustment.mode == "new":
        return literal(adjustment.amount)
    if adjustment.mode == "auto":
        return case((remaining.is_(None), None), else_=_at_least_zero(remaining - delta))
    if adjustment.mode == "manual":
        change = adjustment.amount or 0
        step = -change if delta >= 0 else change
        return _at_least_zero(func.coalesce(remaining, 0) + step)
    return None


def check_room(spent: int | None, remaining_now: int | None, adjustment: Adjustment, delta: int) -> None:
    """Refuses totals that would not fit the columns."""
    if (spent or 0) + delta > MAX_SECONDS:
        raise BadRequest(errors={"timeLogged": "The total time spent on the issue would be too large."})
    remaining = remaining_now or 0
    growth = {"manual": adjustment.amount or 0, "auto": -delta}.get(adjustment.mode, 0) if delta < 0 else 0
    if remaining + growth > MAX_SECONDS:
        raise BadRequest(errors={"adjustEstimate": "The remaining estimate would be too large."})


def apply(db: Session, issue: Issue, adjustment: Adjustment, delta: int) -> list[Change]:
    """Adds `delta` seconds to the time spent and moves the remaining estimate by the mode's rule.

    Returns the changelog items. The row is locked first (PostgreSQL; SQLite writers are serialised),
    so the old values read are the ones the arithmetic starts from.
    """
    before = db.execute(select(Issue.time_spent, Issue.remaining_estimate).where(Issue.id == issue.id)
                        .with_for_update(key_share=True)).one()
    db.expire(issue, ["time_spent", "remaining_estimate", "updated"])
    check_room(before.time_spent, before.remaining_estimate, adjustment, delta)
    spent = func.coalesce(Issue.time_spent, 0) + delta
    values: dict[Any, Any] = {
        Issue.time_spent: case((spent <= 0, None), else_=spent),
        Issue.updated: utcnow(),
    }
    remaining = _remaining(adjustment, delta)
    if remaining is not None:
        values[Issue.remaining_estimate] = remaining
    after = db.execute(update(Issue).where(Issue.id == issue.id).values(values)
                       .returning(Issue.time_spent, Issue.remaining_estimate)
                       .execution_options(synchronize_session=False)).one()
    return _changes(("timeestimate", before.remaining_estimate, after.remaining_estimate),
                    ("timespent", before.time_spent, after.time_spent))


def _changes(*pairs: tuple[str, int | None, int | None]) -> list[Change]:
    return [Change(name, _text(old), _text(old), _text(new), _text(new)) for name, old, new in pairs if old != new]


def _text(value: int | None) -> str | None:
    return str(value) if value is not None else None
