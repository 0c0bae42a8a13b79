"""Pooled PostgreSQL connections are pinged only after sitting idle (`Settings.db_ping_idle_seconds`): a
database restart (here: every backend of the server's database terminated) costs no request once they
idled, and a connection back from a request moments ago is used without the round trip."""

from __future__ import annotations

import time

import httpx
import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from tests.harness import PG_ADMIN_URL, backend, running_server

pytestmark = pytest.mark.skipif(backend() != "postgres", reason="PostgreSQL's pooled connections")


def _terminate_backends(engine: Engine) -> int:
    """Ends every session of the engine's database but ours, as a restart would."""
    name = engine.url.database
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        rows = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = %s AND pid <> pg_backend_pid()", (name,)).fetchall()
    return len(rows)


def test_idle_connections_are_pinged_and_replaced() -> None:
    with running_server(db_ping_idle_seconds=0.2) as server, httpx.Client(
            base_url=server.url, auth=("admin", "admin"), timeout=30) as client:
        assert client.get("/rest/api/2/serverInfo").status_code == 200
        assert _terminate_backends(server.app.state.write_engine) >= 1
        time.sleep(0.4)
        for _ in range(3):
            response = client.get("/rest/api/2/myself")
            assert response.status_code == 200, response.text
            assert response.json()["name"] == "admin"


def test_connections_back_from_a_request_moments_ago_are_not_pinged() -> None:
    with running_server(db_ping_idle_seconds=3600) as server:
        engine = server.app.state.write_engine
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        assert _terminate_backends(engine) >= 1
        # Not pinged: the pool hands out the dead connection, and the statement finds it dead.
        with pytest.raises(OperationalError), engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        with engine.connect() as conn:  # the pool dropped it on the way
            assert conn.execute(text("SELECT 1")).scalar() == 1
