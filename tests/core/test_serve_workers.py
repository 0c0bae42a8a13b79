"""`ticketry serve --workers 2`: each worker listens on the port with a socket of its own, the kernel spreads
connections over them (a shared socket let one worker take a whole burst), a worker that dies is replaced, and
SIGTERM stops them all."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import psutil
import pytest

from tests.harness import database_url
from ticketry.serving import spreads_connections

pytestmark = pytest.mark.skipif(not spreads_connections(), reason="SO_REUSEPORT spreads connections on Linux only")
CONNECTIONS = 24  # the kernel hashes each to a worker: all on one of two has odds of 2 ** -23


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listeners(parent: psutil.Process, port: int) -> set[int]:
    return {child.pid for child in parent.children(recursive=True)
            if any(c.status == psutil.CONN_LISTEN and c.laddr.port == port for c in _connections(child))}


def _connections(process: psutil.Process) -> list[object]:
    try:
        return list(process.net_connections(kind="tcp"))
    except psutil.NoSuchProcess:
        return []


def _wait(predicate: object, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@contextmanager
def _server() -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    with tempfile.TemporaryDirectory(prefix="ticketry-test-") as tmp, database_url(Path(tmp)) as url:
        port = _free_port()
        env = {**os.environ, "TICKETRY_ADMIN_PASSWORD": "admin", "TICKETRY_LOG_LEVEL": "WARNING"}
        process = subprocess.Popen([sys.executable, "-m", "ticketry.cli", "serve", "--data-dir", tmp,
                                    "--database-url", url, "--port", str(port), "--workers", "2"],
                                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            parent = psutil.Process(process.pid)
            _wait(lambda: len(_listeners(parent, port)) == 2)
            yield process, port
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait(30)


def test_connections_spread_over_the_workers_and_a_dead_worker_is_replaced() -> None:
    with _server() as (process, port):
        parent = psutil.Process(process.pid)
        workers = _listeners(parent, port)
        with ExitStack() as stack:
            clients = [stack.enter_context(httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30))
                       for _ in range(CONNECTIONS)]
            for client in clients:
                assert client.get("/rest/api/2/serverInfo").status_code == 200
            held = {pid: sum(1 for c in _connections(psutil.Process(pid)) if c.status == psutil.CONN_ESTABLISHED
                             and c.laddr.port == port) for pid in workers}
            assert sorted(held) == sorted(workers) and all(held.values()), held
            assert sum(held.values()) == CONNECTIONS

        gone = next(iter(workers))
        os.kill(gone, signal.SIGKILL)
        _wait(lambda: len(_listeners(parent, port)) == 2 and gone not in _listeners(parent, port))
        replaced = _listeners(parent, port)
        for _ in range(10):
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                assert client.get("/rest/api/2/serverInfo").status_code == 200

        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
        assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
                       for pid in replaced)


def test_workers_die_with_their_supervisor() -> None:
    with _server() as (process, port):
        workers = _listeners(psutil.Process(process.pid), port)
        process.kill()
        process.wait(30)
        _wait(lambda: not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
                              for pid in workers))
