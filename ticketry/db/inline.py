"""Constants written into a statement's text rather than bound as parameters.

A union of many parts (an issue page's tallies, labels, components and versions) otherwise binds dozens of
constant parameters, and psycopg converts a statement of more than 4096 characters or 50 parameters anew on
every execution: for GET issue's tallies that was ~0.24 ms of CPU per request, besides dumping each parameter.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ColumnElement, Date, Integer, String, literal_column


def constant(value: str | int | bool | None) -> ColumnElement[Any]:
    """`value` as SQL text: for the code's own constants (kinds, flags), never for input. As a column of a
    union's second or later select, it needs no label either (other expressions get anonymous ones)."""
    if value is None:
        return literal_column("NULL")
    if isinstance(value, bool):  # SQLite (3.23 and later) knows TRUE and FALSE too, as 1 and 0
        return literal_column("TRUE" if value else "FALSE", Boolean)
    if isinstance(value, int):
        return literal_column(str(int(value)), Integer)
    return literal_column("'" + value.replace("'", "''") + "'", String)


NULL_DATE = literal_column("CAST(NULL AS DATE)", Date)
