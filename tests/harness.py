"""A real Ticketry server for the tests: on a free loopback port, on SQLite or PostgreSQL.

TICKETRY_TEST_DB=postgres runs the suite on a fresh PostgreSQL database that is dropped after.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from ticketry.app import create_app
from ticketry.settings import Settings

PG_ADMIN_URL = os.environ.get("TICKETRY_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


def backend() -> str:
    return os.environ.get("TICKETRY_TEST_DB", "sqlite")


@contextmanager
def database_url(data_dir: Path) -> Iterator[str]:
    if backend() != "postgres":
        yield f"sqlite:///{data_dir / 'ticketry.db'}"
        return
    import psycopg

    name = f"ticketry_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + "/" + name
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class RunningServer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.app = create_app(settings)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def start(self) -> RunningServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.app.state.write_engine.dispose()
        self.app.state.read_engine.dispose()


@contextmanager
def running_server(**overrides: object) -> Iterator[RunningServer]:
    with tempfile.TemporaryDirectory(prefix="ticketry-test-") as tmp:
        data_dir = Path(tmp)
        with database_url(data_dir) as url:
            settings = Settings(data_dir=data_dir, database_url=url, admin_user="admin", admin_password="admin",
                                **overrides)  # type: ignore[arg-type]
            server = RunningServer(settings).start()
            try:
                yield server
            finally:
                server.stop()
