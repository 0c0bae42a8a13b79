"""A write's commit comes before its response (`core.routing` commits in the endpoint's thread, `core.deps._db`
otherwise): a commit that fails is the request's error response, and nothing of the write is stored."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import Connection, event

from tests.harness import RunningServer
from tests.platform.issues.helpers import make_project

MARK = "test_refuse_commit"


@pytest.fixture
def refused(server: RunningServer) -> Iterator[str]:
    """A summary: the commit of the transaction that inserts an issue with it fails."""
    summary = f"refused {uuid.uuid4().hex}"
    engine = server.app.state.write_engine

    def mark(conn: Connection, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.startswith("INSERT INTO issue ") and summary in str(parameters):
            conn.info[MARK] = True

    def refuse(conn: Connection) -> None:
        if conn.info.pop(MARK, False):
            raise RuntimeError("commit refused by the test")

    def forget(conn: Connection) -> None:
        conn.info.pop(MARK, None)

    event.listen(engine, "before_cursor_execute", mark)
    event.listen(engine, "commit", refuse)
    event.listen(engine, "rollback", forget)
    try:
        yield summary
    finally:
        event.remove(engine, "before_cursor_execute", mark)
        event.remove(engine, "commit", refuse)
        event.remove(engine, "rollback", forget)


def test_a_failed_commit_is_the_error_response_and_stores_nothing(admin: httpx.Client, refused: str) -> None:
    key = "FC" + uuid.uuid4().hex[:6].upper().replace("0", "Q")
    make_project(admin, key)
    fields = {"project": {"key": key}, "issuetype": {"name": "Task"}}

    failed = admin.post("/rest/api/2/issue", json={"fields": {**fields, "summary": refused}})
    assert failed.status_code == 500
    assert failed.json()["errorMessages"]
    kept = admin.post("/rest/api/2/issue", json={"fields": {**fields, "summary": "stored"}})
    assert kept.status_code == 201

    found = admin.post("/rest/api/2/search", json={"jql": f"project = {key}", "fields": ["summary"]}).json()
    assert [i["fields"]["summary"] for i in found["issues"]] == ["stored"]
    assert kept.json()["key"] == f"{key}-1"  # the refused issue's number was taken in its transaction too
