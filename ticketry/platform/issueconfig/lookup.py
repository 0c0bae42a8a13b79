"""Issue constants (issue types, statuses, status categories, priorities, resolutions) looked up by id or
name from the per-process configuration cache, for code that resolves what users typed (JQL, REST bodies)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached, detached_copy, rows_by_id
from ticketry.core.ids import db_id
from ticketry.platform.issueconfig.models import (
    IssueType,
    IssueTypeSchemeEntry,
    Priority,
    Resolution,
    Status,
    StatusCategory,
)

T = TypeVar("T")

CACHED_CONSTANTS: frozenset[type] = frozenset({IssueType, Status, StatusCategory, Priority, Resolution})


def constant_ids(db: Any, model: type, text: str, *names: str) -> list[int]:
    """Ids of the constants whose id is the text or whose named column equals it, ignoring case (by id)."""
    number = db_id(text)
    found = set(_by_name(db, model, names).get(text.lower(), ()))
    if number is not None and number in rows_by_id(db, model):
        found.add(number)
    return sorted(found)


def _by_name(db: Any, model: type, names: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """{lowercased value of any of the columns: ids}, made once per configuration generation: a tracker may
    have thousands of projects, and every JQL query names some."""
    def load(session: Session) -> dict[str, tuple[int, ...]]:
        index: dict[str, set[int]] = defaultdict(set)
        rows: dict[int, Any] = rows_by_id(session, model)
        for row_id, row in rows.items():
            for name in names:
                value = getattr(row, name)
                if value is not None:
                    index[value.lower()].add(row_id)
        return {value: tuple(ids) for value, ids in index.items()}

    return cached(db, ("names", model.__tablename__, names), load)  # type: ignore[attr-defined]


def statuses_in_categories(db: Any, category_ids: list[int]) -> list[int]:
    """Ids of the statuses in any of the status categories (by id)."""
    wanted = set(category_ids)
    rows: dict[int, Any] = rows_by_id(db, Status)
    return [status_id for status_id, status in rows.items() if status.category_id in wanted]


def constant(db: Any, model: type[T], constant_id: int | None) -> T | None:
    """One constant by id (None if there is none)."""
    if constant_id is None:
        return None
    rows: dict[int, T] = rows_by_id(db, model)
    return rows.get(constant_id)


def in_sequence(db: Any, model: type[T]) -> list[T]:
    """Priorities or resolutions in their administered order."""
    rows: dict[int, Any] = rows_by_id(db, model)
    return sorted(rows.values(), key=lambda row: (row.sequence, row.id))


def scheme_issue_types(db: Session, scheme_id: int) -> list[IssueType]:
    """The issue types of an issue type scheme, in the scheme's order."""
    def load(session: Session) -> tuple[IssueType, ...]:
        return tuple(detached_copy(t) for t in session.scalars(
            select(IssueType)
            .join(IssueTypeSchemeEntry, IssueTypeSchemeEntry.issue_type_id == IssueType.id)
            .where(IssueTypeSchemeEntry.scheme_id == scheme_id)
            .order_by(IssueTypeSchemeEntry.position, IssueType.id)))

    return list(cached(db, ("scheme_issue_types", scheme_id), load))
