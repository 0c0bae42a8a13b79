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
