"""A full reindex drops the index rows of deleted issues in one statement before its swap. On PostgreSQL it
must be an anti join: `NOT IN (SELECT id FROM issue)` is hashed only while the ids fit in work_mem, and past that (a
million issues) PostgreSQL scanned the ids once per index row, so the L reindex never finished."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.harness import RunningServer, backend
from ticketry.platform.search import textindex


@pytest.mark.skipif(backend() != "postgres", reason="PostgreSQL's plan")
def test_deleted_issues_rows_go_in_an_anti_join_whatever_the_memory(server: RunningServer) -> None:
    with server.app.state.write_engine.connect() as conn, conn.begin():
        conn.execute(text("SET LOCAL work_mem = '64kB'"))
        conn.execute(text("SET LOCAL enable_hashjoin = off"))  # as if the ids did not fit: still one pass
        plan = "\n".join(str(row[0]) for row in conn.execute(text("EXPLAIN " + textindex.sweep_sql("issue_text"))))
    assert "Anti Join" in plan, plan
    assert "SubPlan" not in plan, plan
