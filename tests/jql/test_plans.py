"""The statements a search runs use indexes: EXPLAIN QUERY PLAN of the count and the page.

SQLite only: its plans on a small database are the plans it makes at 100 000 issues (without
statistics it assumes an index narrows a search), while PostgreSQL rightly prefers sequential
scans of a test database's few pages, so a plan test there would test the data size, not the
SQL. docs/query-plans.md has both databases' plans at tier M; test_plans_pg.py checks what PostgreSQL's
indexes cover, whatever the data size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from tests.harness import RunningServer, backend
from tests.jql.plans import plan_project, search_statements, typed_value_queries

API = "/rest/api/2"

pytestmark = pytest.mark.skipif(backend() != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's; see the docstring")


def _plan(server: RunningServer, statement: tuple[str, Any]) -> list[str]:
    with server.app.state.read_engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement[0], statement[1]).all()
    return [row[3] for row in rows]


@pytest.fixture(scope="module")
def project(admin: httpx.Client) -> Iterator[str]:
    yield from plan_project(admin)


def _no_full_scan(plan: list[str]) -> bool:
    """No step reads the whole issue table without an index."""
    return not any(step in ("SCAN issue", "SCAN issue_1") for step in plan)


def _uses(plan: list[str], index: str) -> bool:
    return any(index in step for step in plan)


def _index_order(plan: list[str], index: str) -> bool:
    """The page walks the index in order (no temporary B-tree for the ORDER BY)."""
    return any(index in step for step in plan) and not any("TEMP B-TREE" in step for step in plan)


QUERIES: list[tuple[str, str, Callable[[list[str]], bool]]] = [
    # (query, which statement, what its plan must show)
    ("project = {key} AND status = Open ORDER BY key", "count",
     lambda plan: any("COVERING INDEX ix_issue_project_status" in step for step in plan)),
    ("reporter = admin AND resolution = Unresolved ORDER BY key", "count",
     lambda plan: any("USING INDEX ix_issue_reporter_id" in step for step in plan) and _no_full_scan(plan)),
    ("resolution = Unresolved ORDER BY priority DESC, created ASC", "count",
     lambda plan: any("COVERING INDEX ix_issue_resolution_priority" in step for step in plan)),
    ("issuetype = Bug AND statusCategory != Done ORDER BY created ASC", "count",
     lambda plan: any("COVERING INDEX ix_issue_type_status" in step for step in plan)),
    ("ORDER BY updated DESC", "page", lambda plan: _index_order(plan, "ix_issue_updated")),
    ("ORDER BY created ASC", "page", lambda plan: _index_order(plan, "ix_issue_created")),
    ('created >= "2020-01-01" ORDER BY created DESC', "count",
     lambda plan: any("COVERING INDEX ix_issue_created" in step for step in plan)),
    ("ORDER BY updated DESC", "count", lambda plan: any("COVERING INDEX" in step for step in plan)),
    ("labels = plans1 ORDER BY key", "count",  # the label's issue ids from the index alone
     lambda plan: _no_full_scan(plan) and _uses(plan, "COVERING INDEX ix_issue_label_label")),
    ('project = {key} AND component = "Backend" ORDER BY key', "count", _no_full_scan),
    ("status WAS Open ORDER BY key", "count", lambda plan: _no_full_scan(plan) and _uses(plan, "ix_held_value_value")),
    ("status WAS Open BEFORE now() ORDER BY key", "count",
     lambda plan: _no_full_scan(plan) and _uses(plan, "ix_held_value_value")),
    ("assignee WAS admin AND project = {key}", "count",
     lambda plan: _no_full_scan(plan) and _uses(plan, "ix_held_value_value")),
    ("status WAS NOT Open", "count", lambda plan: "LIST SUBQUERY" in " ".join(plan)),
    ("status CHANGED", "count", _no_full_scan),
    # Pages read an index in the order asked and stop after the page: no sort of every match.
    ("ORDER BY key", "page", lambda plan: _index_order(plan, "ix_issue_key_order")),
    ("ORDER BY key DESC", "page", lambda plan: _index_order(plan, "ix_issue_key_order")),
    ("project = {key} ORDER BY key DESC", "page", lambda plan: _index_order(plan, "(project_id=?)")),
    ("resolution = Unresolved ORDER BY priority DESC, created ASC", "page",
     lambda plan: _index_order(plan, "ix_issue_resolution_priority ")),
    # One index range per priority, each in key order: SQLite's sorter stops once the page is full.
    ("priority in (Highest, High) AND resolution = Unresolved ORDER BY priority DESC, key ASC", "page",
     lambda plan: any("INDEX ix_issue_resolution_priority_key (resolution_id=? AND security_level_id=? AND "
                      "priority_id=?)" in step for step in plan)),
    # Boards sort, but only the entries of one covering index.
    ('project = {key} AND statusCategory = "To Do" ORDER BY priority DESC, key ASC', "page",
     lambda plan: any("COVERING INDEX ix_issue_project_status" in step for step in plan)),
]


@pytest.mark.parametrize(("jql", "which", "expected"), QUERIES, ids=[f"{q[1]}: {q[0]}" for q in QUERIES])
def test_search_statements_use_indexes(server: RunningServer, admin: httpx.Client, project: str, jql: str,
                                       which: str, expected: Callable[[list[str]], bool]) -> None:
    if "component" in jql:
        admin.post(f"{API}/component", json={"project": project, "name": "Backend"})
    statements = search_statements(server, admin, jql.format(key=project))
    plan = _plan(server, statements[which])
    assert expected(plan), "\n".join(plan)


def _lookup_plan(server: RunningServer, admin: httpx.Client, jql: str, table: str, compared: str) -> list[str]:
    """The plan of the statement `jql`'s search ran to find `table` rows by `compared` (SQL text)."""
    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        seen.append((statement, parameters))

    engine = server.app.state.read_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        # warn: a value no row has is then a warning, not a 400
        found = admin.post(f"{API}/search", json={"jql": jql, "maxResults": 1, "validateQuery": "warn"})
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert found.status_code == 200, found.text
    lookups = [s for s in seen if f"FROM {table}" in s[0] and compared in s[0]]
    assert lookups, [s[0] for s in seen]
    plan = _plan(server, lookups[0])
    assert not any(step.startswith(f"SCAN {table}") for step in plan), "\n".join(plan)
    return plan


def test_a_user_value_is_looked_up_through_indexes(server: RunningServer, admin: httpx.Client) -> None:
    """`assignee = x` matches x against every user's name, key, account id and email (ignoring case): each
    through an index, not a read of the whole user table (migration 0009)."""
    plan = _lookup_plan(server, admin, 'assignee = "Admin@Example.com"', "app_user", "lower(app_user.email)")
    assert _uses(plan, "ix_app_user_lower_email"), "\n".join(plan)


@pytest.mark.parametrize("field,table", [("fixVersion", "version"), ("component", "component")])
def test_versions_and_components_are_found_by_name_through_an_index(server: RunningServer, admin: httpx.Client,
                                                                    project: str, field: str, table: str) -> None:
    """`fixVersion = "1.0.0"` finds the versions of that name in every project, ignoring case: through an index
    of lower(name), not a read of every version (migration 0010)."""
    plan = _lookup_plan(server, admin, f'{field} = "no such {table}"', table, f"lower({table}.name)")
    assert _uses(plan, f"ix_{table}_lower_name"), "\n".join(plan)


def test_custom_field_values_are_found_through_their_typed_index(server: RunningServer, admin: httpx.Client,
                                                                 project: str) -> None:
    for jql, index in typed_value_queries(admin, project):
        assert len(admin.post(f"{API}/search", json={"jql": jql}).json()["issues"]) == 1, jql
        plan = _plan(server, search_statements(server, admin, jql)["count"])
        assert _uses(plan, f"INDEX {index} (field_id=?"), (jql, plan)
