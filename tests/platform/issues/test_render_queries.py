"""Rendering an issue takes a constant number of statements, however many comments, worklogs, links,
sub-tasks, watchers or custom field values it has, and fields not asked for are not loaded at all."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.harness import RunningServer
from tests.platform.issues.helpers import make_issue, make_project
from tests.platform.issues.render_fill import custom_fields, fill
from tests.querycount import counted_queries, least_queries

if TYPE_CHECKING:
    from tests.conftest import TestUser

EXPANDS = ("", "changelog,renderedFields,names,schema", "versionedRepresentations,changelog")
# The tables of the parts a document loads only for the fields that show them.
PART_TABLES = ("comment", "worklog", "custom_field_value", "issue_link", "issue_watcher", "issue_vote",
               "attachment", "issue_label", "issue_component", "issue_version", "change_group")


def _statements(server: RunningServer, client: httpx.Client, key: str, **params: str) -> int:
    def read() -> None:
        response = client.get(f"/rest/api/2/issue/{key}", params=params)
        assert response.status_code == 200, response.text

    read()  # warm the caches (authentication, configuration)
    return least_queries(server, read)


@pytest.fixture
def filled(admin: httpx.Client, make_user: Callable[..., TestUser], unique_key: Callable[[], str],
           unique: Callable[[str], str]) -> tuple[str, str]:
    """Two issues with every part: one of each, and four of each (plus a link to another project)."""
    key, elsewhere = unique_key(), unique_key()
    make_project(admin, key)
    make_project(admin, elsewhere)
    other = make_user("renderer")
    fields = custom_fields(admin, unique)
    small = make_issue(admin, key, "small")["key"]
    large = make_issue(admin, key, "large")["key"]
    fill(admin, other, key, small, 1, fields)
    fill(admin, other, key, large, 4, fields)
    target = make_issue(admin, elsewhere, "far away")["key"]
    for source in (small, large):
        assert admin.post("/rest/api/2/issueLink", json={
            "type": {"name": "Relates"}, "inwardIssue": {"key": target}, "outwardIssue": {"key": source}},
        ).status_code == 201
    return small, large


def test_get_issue_statements_do_not_grow_with_its_parts(server: RunningServer, admin: httpx.Client,
                                                         filled: tuple[str, str]) -> None:
    small, large = filled
    for expand in EXPANDS:
        params = {"expand": expand} if expand else {}
        few, many = _statements(server, admin, small, **params), _statements(server, admin, large, **params)
        assert 0 < few == many, expand


def test_parts_of_fields_not_asked_for_are_not_loaded(server: RunningServer, admin: httpx.Client,
                                                      filled: tuple[str, str]) -> None:
    _small, large = filled
    everything = _statements(server, admin, large)
    two = _statements(server, admin, large, fields="summary,status")
    comments = _statements(server, admin, large, fields="summary,comment")
    assert two < comments < everything
    with counted_queries(server) as statements:
        response = admin.get(f"/rest/api/2/issue/{large}", params={"fields": "summary,status"})
    assert response.status_code == 200
    assert set(response.json()["fields"]) == {"summary", "status"}
    assert statements
    assert [s for s in statements if any(f" {table} " in f"{s} " or f"{table}." in s for table in PART_TABLES)] == []


# The part statements proper, told from the one tally statement (`issues/contributions.count_parts`) that
# counts every part of the page first (and carries the rows of comments, attachments and custom values).
_PART_READS = {"comment": "FROM comment", "worklog": "FROM worklog", "issue_link": "FROM issue_link",
               "attachment": "FROM attachment", "sub-tasks": "FROM issue WHERE"}


def _parts_read(statements: list[str]) -> set[str]:
    flat = [" ".join(s.split()) for s in statements if "count(*)" not in s]
    return {part for s in flat for part, text in _PART_READS.items()
            if text in s and (part != "sub-tasks" or "parent_id" in s.split("WHERE", 1)[1])}


def test_parts_no_issue_has_cost_no_statement(server: RunningServer, admin: httpx.Client,
                                              filled: tuple[str, str], unique_key: Callable[[], str]) -> None:
    """Worklogs, links and sub-tasks are read only for pages where the tallies count some, and comments and
    attachments never in a statement of their own (their rows come with the tallies); a page where one issue
    has them shows them on that issue alone."""
    small, _large = filled
    bare = make_issue(admin, small.split("-")[0], "bare")["key"]
    _statements(server, admin, bare)
    with counted_queries(server) as statements:
        document = admin.get(f"/rest/api/2/issue/{bare}").json()
    assert _parts_read(statements) == set()
    fields = document["fields"]
    assert (fields["comment"]["total"], fields["worklog"]["total"], fields["issuelinks"], fields["attachment"],
            fields["subtasks"]) == (0, 0, [], [], [])
    assert _statements(server, admin, bare) < _statements(server, admin, small)
    with counted_queries(server) as statements:
        admin.get(f"/rest/api/2/issue/{small}")
    assert _parts_read(statements) == {"worklog", "issue_link", "sub-tasks"}
    page = admin.post("/rest/api/2/search", json={"jql": f"key in ({small}, {bare}) ORDER BY key ASC",
                                                  "fields": ["*all"]}).json()
    assert [issue["key"] for issue in page["issues"]] == [small, bare]
    for issue in page["issues"]:
        alone = admin.get(f"/rest/api/2/issue/{issue['key']}").json()["fields"]
        assert issue["fields"] == alone, issue["key"]
    shown = page["issues"][0]["fields"]
    assert (shown["comment"]["total"], shown["worklog"]["total"], len(shown["issuelinks"]),
            len(shown["attachment"]), len(shown["subtasks"]), shown["watches"]["watchCount"],
            shown["votes"]["votes"]) == (3, 2, 2, 1, 1, 2, 1)
