"""PostgreSQL's indexes cover the statements that read many index entries, whatever the data size: with
sequential and bitmap scans ruled out, and the other indexes of the table dropped for the moment (in a
transaction rolled back), the planner takes an index-only scan of the index exactly when it holds every
column the statement reads (at L a board page that read heap rows took 142 ms, its index alone 7-9 ms)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.harness import RunningServer, backend
from tests.jql.plans import plan_project, search_statements, typed_value_queries

pytestmark = pytest.mark.skipif(backend() != "postgres", reason="PostgreSQL's index-only scans")


@pytest.fixture(scope="module")
def project(admin: httpx.Client) -> Iterator[str]:
    yield from plan_project(admin)


def _plan_with_index_alone(server: RunningServer, index: str, statement: tuple[str, Any], table: str = "issue",
                           generic: bool = False) -> str:
    engine = server.app.state.write_engine
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"VACUUM (ANALYZE) {table}")  # marks the pages all-visible, as autovacuum does
    with engine.connect() as conn:
        transaction = conn.begin()
        others = conn.exec_driver_sql(
            "SELECT i.indexname FROM pg_indexes i WHERE i.tablename = %(table)s AND i.indexname <> %(index)s "
            "AND i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "WHERE c.conname = i.indexname)", {"index": index, "table": table}).scalars().all()
        for other in others:
            conn.exec_driver_sql(f'DROP INDEX "{other}"')
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        if generic:  # as a statement prepared by a connection is planned after its fifth run
            conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_generic_plan")
        rows = conn.exec_driver_sql("EXPLAIN " + statement[0], statement[1]).all()
        transaction.rollback()
    return "\n".join(row[0] for row in rows)


def test_board_page_reads_its_index_alone(server: RunningServer, admin: httpx.Client, project: str) -> None:
    jql = f'project = {project} AND statusCategory = "To Do" ORDER BY priority DESC, key ASC'
    statements = search_statements(server, admin, jql)
    for which in ("count", "page"):
        plan = _plan_with_index_alone(server, "ix_issue_project_status", statements[which])
        assert "Index Only Scan using ix_issue_project_status" in plan, plan


def test_custom_field_values_are_found_through_their_partial_typed_index(server: RunningServer, admin: httpx.Client,
                                                                         project: str) -> None:
    """The typed indexes hold only rows with a value (migration 0011): usable only when the statement
    says `column IS NOT NULL`, which a value bound as a list does not prove to PostgreSQL."""
    for jql, index in typed_value_queries(admin, project):
        assert len(admin.post("/rest/api/2/search", json={"jql": jql}).json()["issues"]) == 1, jql
        plan = _plan_with_index_alone(server, index, search_statements(server, admin, jql)["count"],
                                      table="custom_field_value", generic=True)
        assert f"using {index} on custom_field_value" in plan, (jql, plan)
