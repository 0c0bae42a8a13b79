"""Numeric ids from request text: values a database integer column cannot hold match nothing."""

from __future__ import annotations

MAX_ID = 2**31 - 1


def db_id(value: str | int | None) -> int | None:
    """The id as an int when it is a non-negative integer that fits the id columns, else None."""
    if value is None:
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 10:
            return None
        number = int(text)
    return number if 0 <= number <= MAX_ID else None
