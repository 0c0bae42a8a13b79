"""Jira numbers entities from 10000: raise every id sequence to at least that floor."""

from __future__ import annotations

from sqlalchemy import Connection, Integer, text

from ticketry.db.base import ID_FLOOR
from ticketry.db.models import metadata


def _auto_id_tables() -> list[str]:
    tables = []
    for table in metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and isinstance(pk[0].type, Integer) and pk[0].autoincrement is not False:
            tables.append(table.name)
    return tables


def raise_id_floors(conn: Connection) -> None:
    """Only raises; safe to run on every start and after seeding explicit ids."""
    for name in _auto_id_tables():
        if conn.dialect.name == "sqlite":
            current = conn.execute(text("SELECT seq FROM sqlite_sequence WHERE name = :n"), {"n": name}).scalar()
            top = conn.execute(text(f'SELECT MAX(id) FROM "{name}"')).scalar() or 0
            floor = max(ID_FLOOR - 1, top)
            if current is None:
                conn.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES (:n, :s)"), {"n": name, "s": floor})
            elif current < floor:
                conn.execute(text("UPDATE sqlite_sequence SET seq = :s WHERE name = :n"), {"n": name, "s": floor})
        elif conn.dialect.name == "postgresql":
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": name}).scalar()
            if seq is None:
                continue
            conn.execute(text(
                f"SELECT setval('{seq}', GREATEST((SELECT COALESCE(MAX(id), 0) FROM \"{name}\"), "
                f"{ID_FLOOR - 1}, (SELECT last_value FROM {seq})))"
            ))
