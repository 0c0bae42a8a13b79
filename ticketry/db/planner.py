"""PostgreSQL planner settings for some statements of a session, whether or not it is in a transaction.

Read sessions autocommit on PostgreSQL (`db/engine.py`): a statement there is its own transaction, so a
`SET LOCAL` would last no further than itself. Around statements that need one, such a session opens a
transaction of its own for the settings to live in; a session already in one sets them there and resets
them after.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


@contextmanager
def planner_settings(db: Session, **settings: str) -> Iterator[None]:
    """`SET LOCAL name = value` for each setting (our own names and values, never input) while the block runs."""
    connection = db.connection()
    own = bool(getattr(connection.connection.dbapi_connection, "autocommit", False))
    assignments = "; ".join(f"SET LOCAL {name} = {value}" for name, value in settings.items())
    # No parameters: psycopg sends both in one round trip.
    connection.exec_driver_sql(f"BEGIN; {assignments}" if own else assignments)
    try:
        yield
    except BaseException:
        if own:  # a failed statement left the transaction aborted; the settings go with it
            with suppress(DBAPIError):  # a connection lost: the pool discards it
                connection.exec_driver_sql("ROLLBACK")
        raise
    connection.exec_driver_sql("COMMIT" if own else "; ".join(f"RESET {name}" for name in settings))
