"""`column IN` a list of ids bound by name at execution, written for each database.

SQLite takes the list expanded into one parameter per id. PostgreSQL takes one array parameter
(`column = ANY(:ids)`), so the statement has one text whatever the list's length: SQLAlchemy renders it
once, and psycopg converts and prepares it once, where an expanded IN is rendered and converted again for
every length (past 50 parameters psycopg stops caching its conversion). On a 50-issue page at L that was
0.2-0.5 ms of CPU per statement (watchers 0.58 -> 0.39 ms, the issues' rows 1.38 -> 0.99 ms). PostgreSQL
plans `IN (list)` as `= ANY(array)` anyway.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ColumnElement, Integer, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.visitors import InternalTraversal, replacement_traverse


class IdsIn(ColumnElement[bool]):
    """The column's value is one of the given ids, a list known when the statement is built (JQL's values):
    both forms are bound, each database's compiler renders its own, and only rendered parameters are sent."""

    __visit_name__ = "ids_in"
    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement),
                           ("listed", InternalTraversal.dp_clauseelement),
                           ("array", InternalTraversal.dp_clauseelement)]
    type = Boolean()
    _is_implicitly_boolean = True

    def __init__(self, column: ColumnElement[Any], ids: list[int]) -> None:
        self.column = column
        self.listed: BindParameter[int] = bindparam("ids", ids, expanding=True, unique=True)
        self.array: BindParameter[Any] = bindparam("ids", ids, type_=ARRAY(Integer), unique=True)


def ids_in(column: Any, ids: list[int]) -> ColumnElement[bool]:
    return IdsIn(column, ids)


@compiles(IdsIn)
def _expanded_values(element: IdsIn, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column.in_(element.listed), **kw))


@compiles(IdsIn, "postgresql")
def _array_values(element: IdsIn, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column == any_(element.array), **kw))


class IdIn(ColumnElement[bool]):
    """The column's value is one of the ids bound as `name` (a list; empty matches nothing)."""

    __visit_name__ = "id_in"
    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement), ("name", InternalTraversal.dp_string)]
    type = Boolean()
    _is_implicitly_boolean = True  # a predicate already: SQLite must not get "= 1" after it

    def __init__(self, column: ColumnElement[Any], name: str) -> None:
        self.column, self.name = column, name


def id_in(column: Any, name: str) -> ColumnElement[bool]:
    return IdIn(column, name)


@compiles(IdIn)
def _expanded(element: IdIn, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column.in_(bindparam(element.name, expanding=True)), **kw))


@compiles(IdIn, "postgresql")
def _array(element: IdIn, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column == any_(bindparam(element.name, type_=ARRAY(Integer))), **kw))


def for_one_id(statement: Any) -> Any:
    """The statement with each `id_in` comparing to a single id bound under the same name. PostgreSQL plans a
    prepared statement with a lone id once (a generic plan); bound as an array of any length it planned it
    anew on every execution, its estimate for an array of unknown length always above one id's (GET issue's
    parts and tallies: ~0.5 ms of PostgreSQL's CPU per request, about a third of it)."""
    def one(element: Any, **_kw: Any) -> Any:
        if isinstance(element, IdIn):
            return element.column == bindparam(element.name, type_=Integer)
        return None
    return replacement_traverse(statement, {}, one)
