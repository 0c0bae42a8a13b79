"""A page of search results is rendered in a constant number of statements: one issue or twenty, each with
comments, worklogs, links, sub-tasks, watchers, votes and custom field values."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx

from tests.harness import RunningServer
from tests.platform.issues.helpers import make_issue, make_project
from tests.platform.issues.render_fill import custom_fields, fill
from tests.querycount import least_queries

if TYPE_CHECKING:
    from tests.conftest import TestUser

PAGE = 20
SHAPES: tuple[dict[str, Any], ...] = (
    {},
    {"fields": ["*all"]},
    {"fields": ["*all"], "expand": ["renderedFields", "names", "schema", "changelog"]},
    {"fields": ["summary", "comment", "worklog"], "properties": ["*all"]},
)


def _statements(server: RunningServer, client: httpx.Client, body: dict[str, Any], results: int) -> int:
    def search() -> None:
        response = client.post("/rest/api/2/search", json=body)
        assert response.status_code == 200, response.text
        assert len(response.json()["issues"]) == results

    search()  # warm the caches (authentication, configuration)
    return least_queries(server, search)


def test_search_statements_do_not_grow_with_the_page(server: RunningServer, admin: httpx.Client,
                                                    make_user: Callable[..., TestUser],
                                                    unique_key: Callable[[], str],
                                                    unique: Callable[[str], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    other = make_user("searcher")
    fields = custom_fields(admin, unique)
    for n in range(PAGE):
        issue = make_issue(admin, key, f"page {n}")["key"]
        fill(admin, other, key, issue, 1, fields)
        assert admin.put(f"/rest/api/2/issue/{issue}/properties/render.prop", json={"n": n}).status_code < 300
    query = f"project = {key} AND labels = l0 ORDER BY key"
    for shape in SHAPES:
        one = _statements(server, admin, {"jql": query, "maxResults": 1, **shape}, 1)
        many = _statements(server, admin, {"jql": query, "maxResults": PAGE, **shape}, PAGE)
        assert 0 < one == many, shape
