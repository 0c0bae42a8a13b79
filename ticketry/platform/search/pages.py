"""How a page of search results is read: its issue ids in order, in a statement each database plans well.

PostgreSQL's planner needs two aids. It takes only `=` as fixing a column, so an order an index would give
after columns held empty is sorted instead (`_index_order`). And for `ORDER BY ... LIMIT` it walks an index in
the page's order whenever it expects the matches to come soon, which they need not: one reporter's 4 925
issues of 1M, all in late projects, were a 735 ms walk of 247 000 issues at L, where the count had read them
through their own index in 3 ms. The total is known before the page: when a walk does not pay
(`textindex.walk_pays`, as on SQLite), the matches are read as a set and sorted.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Column, ColumnElement, Select, Table, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression, BooleanClauseList, Null, UnaryExpression
from sqlalchemy.sql.util import ClauseAdapter
from sqlalchemy.sql.visitors import iterate

from ticketry.platform.issues.models import Issue
from ticketry.platform.search import textindex

ISSUE = cast(Table, Issue.__table__)


def page_ids(db: Session, condition: ColumnElement[bool], order: list[Any], matches: int,
             reach: int) -> Select[Any]:
    """The ids of the issues meeting `condition` (`matches` of them) in `order`, for a page reaching `reach`."""
    if db.get_bind().dialect.name != "postgresql":
        return select(Issue.id).where(condition).order_by(*order)
    order = _index_order(condition, order)
    if textindex.walk_pays(db, matches, reach):
        return select(Issue.id).where(condition).order_by(*order)
    # A subquery with OFFSET 0 is planned on its own, for all its rows: no walk in the outer order. It selects
    # the id and the columns the order reads, not whole rows (which cost building 30 column proxies per search
    # and kept covering indexes from answering).
    found = select(*_order_columns(order)).where(condition).offset(0).subquery("matches")
    adapter = ClauseAdapter(found)
    return select(found.c.id).order_by(*(adapter.traverse(term) for term in order))


def _order_columns(order: list[Any]) -> list[Any]:
    """The issue's id and every issue column the order's terms read (in subqueries of theirs too)."""
    read = {element.key: element for term in order for element in iterate(term)
            if isinstance(element, Column) and element.table is ISSUE}
    return [ISSUE.c.id, *(column for key, column in sorted(read.items()) if key != "id")]


def _index_order(condition: ColumnElement[bool], order: list[Any]) -> list[Any]:
    """PostgreSQL: the order led by the issue columns the condition holds empty (`resolution_id IS NULL`, the
    visibility's `security_level_id IS NULL`) when an index begins with them and then the order's first
    column. The order is the same, as they hold one value, but PostgreSQL takes only `=` as fixing a column,
    so without them that index does not give the page's order, and it sorts every match (L, `resolution =
    Unresolved ORDER BY priority DESC`: 600 000). Only then: leading columns no index has would keep another
    index (the issue key's) from giving the order."""
    held = {column.name: column for column in _held_empty(condition)}
    first = _column_name(order[0]) if order else None
    if not held or first is None:
        return order
    for index in ISSUE.indexes:
        names = [getattr(expression, "name", None) for expression in index.expressions]
        if set(names[:len(held)]) == set(held) and names[len(held):len(held) + 1] == [first]:
            return [*(held[str(name)].asc() for name in names[:len(held)]), *order]
    return order


def _column_name(term: Any) -> str | None:
    while isinstance(term, UnaryExpression):
        term = term.element
    return term.name if isinstance(term, Column) else None


def _held_empty(condition: ColumnElement[bool]) -> list[Any]:
    if isinstance(condition, BooleanClauseList) and condition.operator is operators.and_:
        return [column for part in condition.clauses for column in _held_empty(part)]
    if (isinstance(condition, BinaryExpression) and condition.operator is operators.is_
            and isinstance(condition.right, Null) and isinstance(condition.left, Column)
            and condition.left.table is ISSUE):
        return [condition.left]
    return []


