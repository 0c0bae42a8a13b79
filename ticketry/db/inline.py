"""Constants written into a statement's text rather than bound as parameters.

A union of many parts (an issue page's tallies, labels, components and versions) otherwise binds dozens of
constant parameters, and psycopg converts a statement of more than 4096 characters or 50 parameters anew on
every execution: for GET issue's tallies that was ~0.24 ms of CPU per request, besides dumping each parameter.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Integer, String, false, literal_column, true


def constant(value: str | int | bool) -> ColumnElement[Any]:
    """`value` as SQL text: for the code's own constants (kinds, flags), never for input."""
    if isinstance(value, bool):
        return true() if value else false()
    if isinstance(value, int):
        return literal_column(str(int(value)), Integer)
    return literal_column("'" + value.replace("'", "''") + "'", String)
