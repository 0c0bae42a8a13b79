"""The text index's row count as FTS5 keeps it (`textindex._index_rows`), which decides whether a common
match may be counted from the index alone: it must equal a count of the rows, through writes and deletions;
a deleted project's issues leave the index with it."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import text

from tests.harness import RunningServer, backend
from tests.platform.issues.helpers import make_issue, make_project
from ticketry.platform.search import textindex


@pytest.mark.parametrize(("data", "value"), [
    (b"\x00", 0), (b"\x7f", 127), (b"\x81\x00", 128), (b"\x82\x80\x00", 32768),
    (b"\xff" * 9, 2**64 - 1), (b"\x85\x1a\xff", 666),
])
def test_varints_read_as_sqlite_writes_them(data: bytes, value: int) -> None:
    assert textindex._varint(data) == value


@pytest.mark.skipif(backend() != "sqlite", reason="the FTS5 index is SQLite's")
def test_index_rows_follow_every_write(server: RunningServer, admin: httpx.Client, unique_key) -> None:  # type: ignore[no-untyped-def]
    def counts() -> tuple[int, int]:
        with server.app.state.read_sessions() as db:
            counted = db.scalar(text("SELECT count(*) FROM issue_text_docsize"))
            return textindex._index_rows(db), int(counted or 0)

    key = unique_key()
    make_project(admin, key)
    issues = [make_issue(admin, key, f"row {n}")["key"] for n in range(3)]
    kept, counted = counts()
    assert kept == counted and counted >= 3
    assert admin.put(f"/rest/api/2/issue/{issues[0]}", json={"fields": {"summary": "edited"}}).status_code == 204
    assert admin.delete(f"/rest/api/2/issue/{issues[1]}").status_code == 204
    assert counts()[0] == counts()[1]
    assert admin.delete(f"/rest/api/2/project/{key}").status_code == 204
    assert counts()[0] == counts()[1]


def test_a_deleted_projects_issues_leave_the_text_index(server: RunningServer, admin: httpx.Client,
                                                         unique_key) -> None:  # type: ignore[no-untyped-def]
    key = unique_key()
    make_project(admin, key)
    ids = [int(make_issue(admin, key, f"gone {n}")["id"]) for n in range(3)]
    column = "rowid" if backend() == "sqlite" else "issue_id"

    def rows() -> int:
        with server.app.state.read_sessions() as db:
            listed = ", ".join(map(str, ids))
            return int(db.scalar(text(f"SELECT count(*) FROM issue_text WHERE {column} IN ({listed})")) or 0)

    assert rows() == 3
    assert admin.delete(f"/rest/api/2/project/{key}").status_code == 204
    assert rows() == 0
