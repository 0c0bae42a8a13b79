"""Jira's set semantics over SQL: `!=` and NOT IN never match empty values, NOT is a true complement.

A field is seen through two expressions: `match(ids)` (the issue has one of these values) and
`has_any()` (the issue has a value at all). Both are null-safe, so NOT around them is exact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Boolean, ColumnElement, Integer, Select, and_, exists, false, not_, or_, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.selectable import CompoundSelect
from sqlalchemy.sql.visitors import InternalTraversal

from ticketry.db.id_lists import ids_in
from ticketry.platform.issues.models import Issue


class IssueIn(ColumnElement[bool]):
    """The issue's id is one of those a subquery selects, written the way each database plans well.

    SQLite runs a correlated EXISTS once per issue (a full scan of the issue table), but evaluates
    `issue.id IN (subquery)` once, drives the search from the subquery's index, and keeps NOT IN a
    single probe per issue. PostgreSQL turns EXISTS and NOT EXISTS into semi- and anti-joins, while
    NOT IN stays a hashed subplan that falls back to a per-row scan once it outgrows work_mem.

    SQLite looks the subquery's issues up by id, so a page sorts every one. `walking` writes the id as
    `+issue.id`, which SQLite may not look issues up by: it then reads an index in the page's order and
    tests each issue against the ids (gathered once), stopping after the page; worth it when the ids are
    many (`search.textindex.page_condition` decides).

    `unique` says the subquery never selects an id twice (one row per issue), so counting its rows is exact.
    """

    __visit_name__ = "issue_in"
    inherit_cache = True
    _traverse_internals = [("ids", InternalTraversal.dp_clauseelement),
                           ("issue_id", InternalTraversal.dp_clauseelement),
                           ("negated", InternalTraversal.dp_boolean),
                           ("walking", InternalTraversal.dp_boolean),
                           ("unique", InternalTraversal.dp_boolean)]
    type = Boolean()
    _is_implicitly_boolean = True  # a predicate already: SQLite must not get "= 1" after it

    def __init__(self, ids: Select[Any] | CompoundSelect, issue_id: Any, negated: bool = False,
                 walking: bool = False, unique: bool = False) -> None:
        self.ids, self.issue_id, self.negated, self.walking, self.unique = ids, issue_id, negated, walking, unique

    def _negate(self) -> ColumnElement[bool]:
        # NOT as a keyword: SQLite would otherwise compare a non-native boolean with 0.
        return IssueIn(self.ids, self.issue_id, not self.negated, self.walking, self.unique)


@compiles(IssueIn)
def _issue_in(element: IssueIn, compiler: Any, **kw: Any) -> str:
    column, ids = element.issue_id, element.ids
    if element.walking and not element.negated and isinstance(ids, Select):
        # Each issue of the walk is one probe of the set's index by issue id: no set gathered in advance.
        found = exists(ids.where(ids.selected_columns[0] == column))
        return "(" + str(compiler.process(found, **kw)) + ")"
    member = column.not_in(ids) if element.negated else column.in_(ids)
    return "(" + ("+" if element.walking else "") + str(compiler.process(member, **kw)) + ")"


@compiles(IssueIn, "postgresql")
def _issue_exists(element: IssueIn, compiler: Any, **kw: Any) -> str:
    ids = element.ids.subquery("ids")
    found = exists(select(1).select_from(ids).where(ids.c[0] == element.issue_id))
    return "(" + str(compiler.process(~found if element.negated else found, **kw)) + ")"


def issue_in(ids: Select[Any] | CompoundSelect, issue_id: Any = Issue.id) -> ColumnElement[bool]:
    """Whether the issue (by default the searched one) is among the issue ids `ids` selects (never NULL)."""
    return IssueIn(ids, issue_id)


@dataclass
class Matcher:
    match: Callable[[Sequence[object]], ColumnElement[bool]]
    has_any: Callable[[], ColumnElement[bool]]

    def positive(self, values: Sequence[object], empty: bool = False) -> ColumnElement[bool]:
        parts = [self.match(values)] if values else []
        if empty:
            parts.append(not_(self.has_any()))
        return either(parts)

    def negative(self, values: Sequence[object], empty: bool = False) -> ColumnElement[bool]:
        if not values:
            return self.has_any()
        return and_(self.has_any(), not_(self.match(values)))


def either(parts: Sequence[ColumnElement[bool]]) -> ColumnElement[bool]:
    """`OR` of the parts; one part as itself: `or_` would wrap it in an `AsBoolean`, and a search's cheap paths
    recognise an `IssueIn` only bare (`labels = cache`, counted through its own index)."""
    if len(parts) == 1:
        return parts[0]
    return or_(*parts) if parts else false()


def one_of(column: Any, values: Sequence[object]) -> ColumnElement[bool]:
    """`column IN values`; a list of ids is bound as one parameter where the database takes one
    (`db/id_lists.py`: statuses of a category at L are 53 ids, in the count and the page statements)."""
    if isinstance(column.type, Integer) and all(type(v) is int for v in values):
        return ids_in(column, cast(list[int], list(values)))
    return cast(ColumnElement[bool], column.in_(list(values)))


def column_matcher(column: InstrumentedAttribute[object] | ColumnElement[object]) -> Matcher:
    return Matcher(
        match=lambda values: and_(column.is_not(None), one_of(column, values)),
        has_any=lambda: column.is_not(None),
    )


def link_matcher(link_issue: InstrumentedAttribute[int], link_value: InstrumentedAttribute[object],
                 *extra: ColumnElement[bool]) -> Matcher:
    """Multi-valued fields kept in link tables (labels, components, versions)."""

    def match(values: Sequence[object]) -> ColumnElement[bool]:
        return issue_in(select(link_issue).where(one_of(link_value, values), *extra))

    def has_any() -> ColumnElement[bool]:
        return issue_in(select(link_issue).where(*extra))

    return Matcher(match, has_any)


def always() -> ColumnElement[bool]:
    return true()
