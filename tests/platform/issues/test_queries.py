"""GET issue runs a constant number of SQL queries, however many sub-tasks, links and comments it has."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event

from tests.harness import RunningServer
from tests.platform.issues.helpers import make_issue, make_project


@contextmanager
def counting(server: RunningServer) -> Iterator[list[str]]:
    statements: list[str] = []
    lock = threading.Lock()

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        with lock:
            statements.append(statement)

    engines = {id(e): e for e in (server.app.state.read_engine, server.app.state.write_engine)}.values()
    for engine in engines:
        event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", count)


def _queries(server: RunningServer, admin: httpx.Client, key: str) -> int:
    admin.get(f"/rest/api/2/issue/{key}")  # warm caches (authentication)
    with counting(server) as statements:
        response = admin.get(f"/rest/api/2/issue/{key}", params={"expand": "changelog,renderedFields,names"})
        assert response.status_code == 200
    return len(statements)


def _fill(admin: httpx.Client, project: str, issue_key: str, count: int) -> None:
    for n in range(count):
        make_issue(admin, project, f"sub {n}", "Sub-task", parent={"key": issue_key})
        comp = admin.post("/rest/api/2/component", json={"project": project, "name": f"c{issue_key}{n}"}).json()
        admin.put(f"/rest/api/2/issue/{issue_key}", json={
            "update": {"components": [{"add": {"id": comp["id"]}}], "labels": [{"add": f"l{n}"}]}})
        admin.post(f"/rest/api/2/issue/{issue_key}/comment", json={"body": f"comment {n}"})


def test_get_issue_query_count_is_constant(server: RunningServer, admin: httpx.Client,
                                           unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    small = make_issue(admin, key, "small")["key"]
    large = make_issue(admin, key, "large")["key"]
    _fill(admin, key, small, 1)
    _fill(admin, key, large, 6)
    few, many = _queries(server, admin, small), _queries(server, admin, large)
    assert 0 < few == many
