"""Engine and session factory; SQLite gets WAL, foreign keys and a busy timeout."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

from ticketry.settings import Settings


def make_engine(settings: Settings, *, for_writes: bool = True) -> Engine:
    """On SQLite, engines for writes take the write lock at BEGIN; read engines do not."""
    url = settings.resolved_database_url()
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=8,
            max_overflow=8,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate if for_writes else _sqlite_begin)
        return engine
    # JIT compilation cost PostgreSQL 15-400 ms per search whose estimated cost passed jit_above_cost
    # (sorting thousands of issues by key), far more than it saved: docs/query-plans.md.
    engine = create_engine(url, pool_size=10, max_overflow=10, connect_args={"options": "-c jit=off"},
                           **({} if for_writes else {"isolation_level": "AUTOCOMMIT"}))
    _ping_when_idle(engine, settings.db_ping_idle_seconds)
    return engine


def _ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    """SQLAlchemy's pre-ping costs every request a round trip (with BEGIN, the statements and COMMIT, one
    of ~13 for GET issue). A connection that came back from a request moments ago is almost surely alive;
    one that sat in the pool may have outlived a database restart, and only that one is pinged. Raising
    DisconnectionError makes the pool discard it and connect again."""
    @event.listens_for(engine, "checkin")
    def _idle_from(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")  # none for a new connection (info is cleared on invalidation)
        if since is None or time.monotonic() - since < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            if engine.dialect.is_disconnect(error, dbapi_connection, None):
                raise exc.DisconnectionError(str(error)) from error
            raise


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself so the write lock is taken up front (see below).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin_immediate(conn: Any) -> None:
    # A deferred transaction that reads and then writes can fail with "database is locked"
    # without waiting; BEGIN IMMEDIATE serialises writers instead, so concurrent writers
    # queue on the busy timeout and lose nothing.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
