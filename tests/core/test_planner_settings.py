"""Read sessions autocommit on PostgreSQL (a GET costs no BEGIN and COMMIT); planner settings a statement needs
(`db/planner.py`) live in a transaction of their own there, and in the session's transaction elsewhere. Either
way they hold inside the block only, also when a statement in it fails."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from tests.harness import RunningServer, backend
from ticketry.db.planner import planner_settings

pytestmark = pytest.mark.skipif(backend() != "postgres", reason="PostgreSQL's planner settings")


def _seqscan(db: Session) -> str:
    return str(db.scalar(text("SHOW enable_seqscan")))


def _in_transaction(db: Session) -> bool:
    return db.scalar(text("SELECT now() = statement_timestamp()")) is False


@pytest.mark.parametrize("kind", ["read_sessions", "write_sessions"])
def test_settings_hold_inside_the_block_only(server: RunningServer, kind: str) -> None:
    sessions: sessionmaker[Session] = getattr(server.app.state, kind)
    with sessions() as db:
        with planner_settings(db, enable_seqscan="off", work_mem="'8MB'"):
            assert _seqscan(db) == "off"
            assert db.scalar(text("SHOW work_mem")) == "8MB"
        assert _seqscan(db) == "on"
        assert db.scalar(text("SHOW work_mem")) != "8MB"
        db.commit()


def test_read_sessions_autocommit_and_write_sessions_do_not(server: RunningServer) -> None:
    with server.app.state.read_sessions() as db:
        db.execute(text("SELECT pg_sleep(0.01)"))
        assert not _in_transaction(db)
    with server.app.state.write_sessions() as db:
        db.execute(text("SELECT pg_sleep(0.01)"))
        assert _in_transaction(db)
        db.rollback()


def test_a_failed_statement_leaves_a_read_session_usable_without_the_settings(server: RunningServer) -> None:
    with server.app.state.read_sessions() as db:
        with pytest.raises(DBAPIError), planner_settings(db, enable_seqscan="off"):
            db.execute(text("SELECT 1 / 0"))
        assert _seqscan(db) == "on"
        assert db.scalar(text("SELECT 41 + 1")) == 42
