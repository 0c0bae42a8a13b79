"""Counting the SQL statements the test server runs, to pin endpoints to a constant number (NetBox style)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from tests.harness import RunningServer


@contextmanager
def counted_queries(server: RunningServer) -> Iterator[list[str]]:
    """The statements run on the request engines meanwhile (job workers have engines of their own)."""
    statements: list[str] = []
    lock = threading.Lock()

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        with lock:
            statements.append(statement)

    engines = {id(e): e for e in (server.app.state.read_engine, server.app.state.write_engine)}.values()
    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)


def least_queries(server: RunningServer, action: Callable[[], object], runs: int = 3) -> int:
    """The fewest statements `action` needed over a few runs: occasional work of the server (a cache
    refresh, a base-URL lookup) must not make a query-count test flaky."""
    counts = []
    for _ in range(runs):
        with counted_queries(server) as statements:
            action()
        counts.append(len(statements))
    return min(counts)


def fewest_statements(server: RunningServer, action: Callable[[], Any], runs: int = 3) -> tuple[list[str], Any]:
    """The statements (whitespace folded) and result of the run of `action` that needed the fewest: a run
    that refilled a cache after another request moved the configuration generation is not the one kept."""
    kept: tuple[list[str], Any] | None = None
    for _ in range(runs):
        with counted_queries(server) as statements:
            result = action()
        if kept is None or len(statements) < len(kept[0]):
            kept = ([" ".join(s.split()) for s in statements], result)
    assert kept is not None
    return kept


def statement_shapes(server: RunningServer, action: Callable[[], object]) -> list[tuple[int, int, str]]:
    """(length, number of parameters, opening) of each statement `action` ran on the request engines."""
    shapes: list[tuple[int, int, str]] = []
    lock = threading.Lock()

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        with lock:
            shapes.append((len(statement), len(parameters or ()), " ".join(statement.split())[:80]))

    engines = {id(e): e for e in (server.app.state.read_engine, server.app.state.write_engine)}.values()
    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)
    return shapes
