"""Alembic environment: runs on the connection handed over by ticketry.db.migrate."""

from __future__ import annotations

from alembic import context

from ticketry.db.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through `ticketry migrate`, which supplies the connection.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
