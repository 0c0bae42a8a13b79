"""Jira's set semantics over SQL: `!=` and NOT IN never match empty values, NOT is a true complement.

A field is seen through two expressions: `match(ids)` (the issue has one of these values) and
`has_any()` (the issue has a value at all). Both are null-safe, so NOT around them is exact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, false, not_, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute

from ticketry.platform.issues.models import Issue


@dataclass
class Matcher:
    match: Callable[[Sequence[object]], ColumnElement[bool]]
    has_any: Callable[[], ColumnElement[bool]]

    def positive(self, values: Sequence[object], empty: bool = False) -> ColumnElement[bool]:
        parts = [self.match(values)] if values else []
        if empty:
            parts.append(not_(self.has_any()))
        return or_(*parts) if parts else false()

    def negative(self, values: Sequence[object], empty: bool = False) -> ColumnElement[bool]:
        if not values:
            return self.has_any()
        return and_(self.has_any(), not_(self.match(values)))


def column_matcher(column: InstrumentedAttribute[object] | ColumnElement[object]) -> Matcher:
    return Matcher(
        match=lambda values: and_(column.is_not(None), column.in_(list(values))),
        has_any=lambda: column.is_not(None),
    )


def link_matcher(link_issue: InstrumentedAttribute[int], link_value: InstrumentedAttribute[object],
                 *extra: ColumnElement[bool]) -> Matcher:
    """Multi-valued fields kept in link tables (labels, components, versions)."""

    def match(values: Sequence[object]) -> ColumnElement[bool]:
        return exists(select(link_issue).where(link_issue == Issue.id, link_value.in_(list(values)), *extra))

    def has_any() -> ColumnElement[bool]:
        return exists(select(link_issue).where(link_issue == Issue.id, *extra))

    return Matcher(match, has_any)


def always() -> ColumnElement[bool]:
    return true()
