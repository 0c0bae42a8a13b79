"""Several worker processes on one port, each with a listening socket of its own (Linux `SO_REUSEPORT`).

uvicorn's `--workers` shares one socket: whichever worker wakes first accepts a whole burst of new
connections, so clients that keep their connections (browsers, HTTP clients with pools, the benchmark's
16 virtual users) can all land on one worker while the others idle (measured: 1.1 cores of 2 busy, one
worker saturated). With a socket per worker the kernel spreads connections over them by address and port.

The supervisor holds the port bound but not listening (so port 0 picks one port for all, and no
connection is queued where nobody accepts), restarts a worker that dies, and on SIGINT or SIGTERM stops
them all. Workers get SIGTERM when the supervisor dies (`PR_SET_PDEATHSIG`), so none outlives it.
Elsewhere than Linux it falls back to uvicorn's shared socket.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from typing import Any

log = logging.getLogger(__name__)

RESTART_PAUSE = 1.0  # seconds between restarts of a worker that keeps dying
STOP_GRACE = 10.0  # seconds a worker gets to finish its requests before it is killed


@dataclass(frozen=True)
class Workers:
    """What each worker serves: an ASGI app by import path, on host:port."""

    app: str
    host: str
    port: int
    count: int
    log_level: str = "info"
    factory: bool = False


def spreads_connections() -> bool:
    """Whether sockets of one port share its connections between them (Linux), not just the address."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _socket(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                         flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    return sock


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _worker(workers: Workers, port: int) -> None:
    import uvicorn

    _die_with_parent()
    sock = _socket(workers.host, port)
    sock.listen(2048)
    config = uvicorn.Config(workers.app, host=workers.host, port=port, factory=workers.factory,
                            log_level=workers.log_level, access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


def serve(workers: Workers) -> None:
    """Runs the workers until SIGINT or SIGTERM."""
    import uvicorn

    if not spreads_connections():
        uvicorn.run(workers.app, host=workers.host, port=workers.port, workers=workers.count,
                    factory=workers.factory, log_level=workers.log_level, access_log=False)
        return
    held = _socket(workers.host, workers.port)  # bound, never listening: it takes no connections
    port = held.getsockname()[1]
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    spawn = multiprocessing.get_context("spawn")
    running: list[BaseProcess] = []
    try:
        running = [_start(spawn, workers, port) for _ in range(workers.count)]
        log.info("serving on http://%s:%d with %d worker processes", workers.host, port, workers.count)
        while not stop.wait(0.5):
            for index, process in enumerate(running):
                if not process.is_alive() and not stop.wait(RESTART_PAUSE):
                    log.warning("worker %s exited with %s; starting another", process.pid, process.exitcode)
                    running[index] = _start(spawn, workers, port)
    finally:
        _stop(running)
        held.close()


def _start(spawn: Any, workers: Workers, port: int) -> BaseProcess:
    process: BaseProcess = spawn.Process(target=_worker, args=(workers, port), daemon=False)
    process.start()
    return process


def _stop(running: list[BaseProcess]) -> None:
    for process in running:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + STOP_GRACE
    for process in running:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()
