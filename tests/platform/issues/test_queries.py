"""GET issue runs a constant number of SQL queries, however many sub-tasks, links and comments it has."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.harness import RunningServer, backend
from tests.platform.issues.helpers import make_issue, make_project
from tests.querycount import least_queries, statement_shapes


def _queries(server: RunningServer, admin: httpx.Client, key: str) -> int:
    def read() -> None:
        response = admin.get(f"/rest/api/2/issue/{key}", params={"expand": "changelog,renderedFields,names"})
        assert response.status_code == 200

    read()  # warm caches (authentication)
    return least_queries(server, read)


def _fill(admin: httpx.Client, project: str, issue_key: str, count: int) -> None:
    for n in range(count):
        make_issue(admin, project, f"sub {n}", "Sub-task", parent={"key": issue_key})
        comp = admin.post("/rest/api/2/component", json={"project": project, "name": f"c{issue_key}{n}"}).json()
        admin.put(f"/rest/api/2/issue/{issue_key}", json={
            "update": {"components": [{"add": {"id": comp["id"]}}], "labels": [{"add": f"l{n}"}]}})
        admin.post(f"/rest/api/2/issue/{issue_key}/comment", json={"body": f"comment {n}"})


def _issues(admin: httpx.Client, key: str, *summaries: str) -> list[str]:
    """A new project `key` and an issue per summary."""
    make_project(admin, key)
    return [make_issue(admin, key, summary)["key"] for summary in summaries]


def test_get_issue_query_count_is_constant(server: RunningServer, admin: httpx.Client,
                                           unique_key: Callable[[], str]) -> None:
    key = unique_key()
    small, large = _issues(admin, key, "small", "large")
    _fill(admin, key, small, 1)
    _fill(admin, key, large, 6)
    few, many = _queries(server, admin, small), _queries(server, admin, large)
    assert 0 < few == many


# Configuration (issue constants, fields, grants, roles, settings) comes from the configuration cache: the
# request reads the configuration generation once and nothing else of it. Lower this when GET issue needs fewer.
# SQLite counts the BEGIN of the request's transaction (authentication reads in it) as a statement. The issue
# has no comment, worklog, link, attachment or sub-task: the tallies say so, and none of them is read; its
# custom values, comments and attachments would come with the tallies anyway. What is left: the generation, the
# issue, the tallies with labels, components, versions and those rows, and the changelog (expanded).
GET_ISSUE_STATEMENTS = 5 if backend() == "sqlite" else 4


def test_get_issue_query_count_is_pinned(server: RunningServer, admin: httpx.Client, unique: Callable[[str], str],
                                         unique_key: Callable[[], str]) -> None:
    # With a custom field, so that its values are read (the count does not depend on other tests' fields).
    field = admin.post("/rest/api/2/field", json={
        "name": unique("Pinned field"), "type": "com.atlassian.jira.plugin.system.customfieldtypes:textfield"})
    assert field.status_code == 201, field.text
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "pinned")["key"]
    assert _queries(server, admin, issue) == GET_ISSUE_STATEMENTS


# psycopg converts a statement's placeholders once and keeps the result, but only for statements of at most
# 4096 characters and 50 parameters; longer ones are converted anew on every execution (~0.24 ms for GET issue's
# union of tallies when its constants were bound parameters).
PSYCOPG_CACHED_LENGTH, PSYCOPG_CACHED_PARAMETERS = 4096, 50


@pytest.mark.skipif(backend() != "postgres", reason="psycopg's conversion cache: PostgreSQL only")
def test_get_issue_statements_stay_in_psycopgs_cache(server: RunningServer, admin: httpx.Client,
                                                    unique_key: Callable[[], str]) -> None:
    key = unique_key()
    issue, other = _issues(admin, key, "every part", "linked")
    _fill(admin, key, issue, 2)
    linked = admin.post("/rest/api/2/issueLink", json={
        "type": {"name": "Blocks"}, "inwardIssue": {"key": issue}, "outwardIssue": {"key": other}})
    assert linked.status_code == 201, linked.text

    def read() -> None:
        response = admin.get(f"/rest/api/2/issue/{issue}", params={"expand": "changelog,renderedFields,names"})
        assert response.status_code == 200
        assert response.json()["fields"]["issuelinks"] and response.json()["fields"]["subtasks"]

    read()
    shapes = statement_shapes(server, read)
    assert any("part" in opening for _, _, opening in shapes)  # the union of tallies ran
    too_long = [s for s in shapes if s[0] > PSYCOPG_CACHED_LENGTH or s[1] > PSYCOPG_CACHED_PARAMETERS]
    assert not too_long
