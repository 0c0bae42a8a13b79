"""PostgreSQL keeps the text index's tsvectors out of line (migration 0006): a count of a common word's matches
reads every heap page holding one, so the heap should hold pointers only. The rows stay searchable, rows
written before the migration move out of line with it, and the planner gets no parallel scan of the table
(it cannot see that a scan reads every value out of line)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text

from tests.harness import RunningServer, backend, running_server
from tests.platform.issues.helpers import make_project
from ticketry.db.migrate import alembic_config

pytestmark = pytest.mark.skipif(backend() != "postgres", reason="PostgreSQL's storage of the text index")

ISSUES = 100
# About 1.3 KB of text an issue: inline, six index rows fill a heap page (17-21 pages for 100); out of line,
# dozens do (2). The bound leaves room for rows placed in the free space of earlier pages.
POINTER_PAGES = 8
DESCRIPTION = " ".join(f"word{n} quartzite" for n in range(80))


def _make_issues(admin: httpx.Client, key: str) -> list[str]:
    make_project(admin, key)
    item = {"fields": {"project": {"key": key}, "summary": "Long text", "issuetype": {"name": "Task"},
                       "description": DESCRIPTION}}
    keys: list[str] = []
    for _ in range(ISSUES // 50):
        response = admin.post("/rest/api/2/issue/bulk", json={"issueUpdates": [item] * 50})
        assert response.status_code == 201, response.text
        keys += [issue["key"] for issue in response.json()["issues"]]
    return keys


def _heap_pages(conn: Connection, key: str) -> int:
    """The heap pages the project's index rows are on."""
    return int(conn.execute(text(
        "SELECT count(DISTINCT (issue_text.ctid::text::point)[0]) FROM issue_text "
        "JOIN issue ON issue.id = issue_text.issue_id JOIN project ON project.id = issue.project_id "
        "WHERE project.key = :key"), {"key": key}).scalar_one())


def _total(admin: httpx.Client, jql: str) -> int:
    response = admin.post("/rest/api/2/search", json={"jql": jql, "maxResults": 1, "fields": ["summary"]})
    assert response.status_code == 200, response.text
    total: int = response.json()["total"]
    return total


def test_index_rows_hold_pointers_and_stay_searchable(server: RunningServer, admin: httpx.Client,
                                                     unique_key: Callable[[], str]) -> None:
    key = unique_key()
    keys = _make_issues(admin, key)
    with server.app.state.write_engine.connect() as conn:
        assert _heap_pages(conn, key) <= POINTER_PAGES
    rewritten = admin.post("/rest/api/2/reindex/issue", params=[("issueId", k) for k in keys])  # an upsert each
    assert rewritten.status_code == 200, rewritten.text
    with server.app.state.write_engine.connect() as conn:
        assert _heap_pages(conn, key) <= POINTER_PAGES
    assert _total(admin, f'project = {key} AND description ~ "quartzite"') == ISSUES
    assert _total(admin, f'project = {key} AND text ~ "word79"') == ISSUES
    assert _total(admin, f'project = {key} AND description ~ "word12 quartzite word13"') == ISSUES


def test_the_planner_gets_no_parallel_scan_of_the_index(server: RunningServer) -> None:
    with server.app.state.write_engine.connect() as conn, conn.begin():
        for setting in ("parallel_setup_cost = 0", "parallel_tuple_cost = 0", "min_parallel_table_scan_size = 0",
                        "enable_bitmapscan = off", "enable_indexscan = off"):
            conn.execute(text(f"SET LOCAL {setting}"))
        plan = "\n".join(str(row[0]) for row in conn.execute(text(
            "EXPLAIN SELECT count(*) FROM issue_text WHERE comments @@ to_tsquery('simple', 'ser:*')")))
    assert "Seq Scan on issue_text" in plan, plan
    assert "Parallel" not in plan and "Gather" not in plan, plan


def _migrate(engine: Engine, step: Callable[[Config, str], None], to: str, *statements: str) -> None:
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        step(config, to)
        for statement in statements:
            conn.execute(text(statement))


def test_rows_written_before_the_migration_move_out_of_line(unique_key: Callable[[], str]) -> None:
    key = unique_key()
    with running_server() as server, httpx.Client(base_url=server.url, auth=("admin", "admin")) as admin:
        _make_issues(admin, key)
        engine = server.app.state.write_engine
        with engine.connect() as conn:
            fresh = _heap_pages(conn, key)
        # Back to 0005, with every value written inline again as it was then (concatenation makes new values).
        _migrate(engine, command.downgrade, "0005", "UPDATE issue_text SET summary = summary || '', description = "
                 "description || '', environment = environment || '', comments = comments || ''")
        with engine.connect() as conn:
            inline = _heap_pages(conn, key)
        _migrate(engine, command.upgrade, "head")
        with engine.connect() as conn:
            moved = _heap_pages(conn, key)
        assert inline >= 2 * POINTER_PAGES, (fresh, inline)
        assert moved <= POINTER_PAGES and fresh <= POINTER_PAGES, (fresh, inline, moved)
        assert _total(admin, f'project = {key} AND description ~ "quartzite"') == ISSUES
