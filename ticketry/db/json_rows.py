"""Rows of a table carried as JSON text in a column of another statement, and read back typed.

An issue page reads many small sets of rows (comments, custom values, attachments): each as a statement of
its own costs ~0.3-0.5 ms of CPU on our side besides the database's, whatever its rows. As JSON objects they
ride in the page's one statement of tallies (`issues/contributions.py`), and are decoded here by column
type into read-only rows with the columns' names as attributes.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import orjson
from sqlalchemy import Boolean, Column, Date, Float, Text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from ticketry.db.types import UTCDateTime


class json_row(FunctionElement[str]):  # noqa: N801 (an SQL function)
    """A JSON array of values, as text: json_array on SQLite, json_build_array on PostgreSQL. An array, not an
    object: the names would lengthen the statement, and psycopg converts statements of more than 4096
    characters anew on every execution."""

    type = Text()
    inherit_cache = True
    name = "json_row"


@compiles(json_row)
def _json_object(element: json_row, compiler: Any, **kw: Any) -> str:
    return f"json_array({compiler.process(element.clauses, **kw)})"


@compiles(json_row, "postgresql")
def _json_build_object(element: json_row, compiler: Any, **kw: Any) -> str:
    return f"CAST(json_build_array({compiler.process(element.clauses, **kw)}) AS TEXT)"


def _instant(value: str | None) -> datetime | None:
    """As UTCDateTime reads it: aware, in UTC (SQLite's text has no zone; PostgreSQL's JSON has an offset)."""
    if value is None:
        return None
    found = datetime.fromisoformat(value)
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _flag(value: Any) -> bool | None:
    return None if value is None else bool(value)  # SQLite's JSON has 0 and 1


def _real(value: Any) -> float | None:
    return None if value is None else float(value)  # JSON writes an integral float as an integer


def _converter(column: Column[Any]) -> Callable[[Any], Any] | None:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _instant
    if isinstance(kind, Boolean):
        return _flag
    if isinstance(kind, Date):
        return _day
    if isinstance(kind, Float):
        return _real
    return None


class JsonRows:
    """The columns of a table (a Table or an alias of one) as a JSON array (`select`), and its decoding
    (`decode`) into a row with the columns' names as attributes."""

    def __init__(self, name: str, table: Any) -> None:
        columns: tuple[Column[Any], ...] = tuple(table.columns)
        self.names = tuple(c.name for c in columns)
        self.columns = columns
        self._converters = tuple(_converter(c) for c in columns)
        self._row = namedtuple(name, self.names)  # type: ignore[misc]  # noqa: PYI024 (built from columns)

    def select(self) -> json_row:
        return json_row(*self.columns)

    def decode(self, text: str) -> Any:
        return self._row(*(value if convert is None else convert(value)
                           for value, convert in zip(orjson.loads(text), self._converters, strict=True)))
