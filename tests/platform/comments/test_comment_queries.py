"""Listing comments takes the same number of SQL queries however many comments, authors and mentions."""

from __future__ import annotations

from typing import Any

import httpx

from tests.platform.comments.conftest import API, IssueRef
from tests.querycount import least_queries


def _add_comments(admin: httpx.Client, make_user: Any, issue: IssueRef, how_many: int) -> None:
    for _ in range(how_many):
        user = make_user()
        comment = user.client.post(issue.comments, json={"body": f"hi [~{user.name}] and [~admin]"}).json()
        assert user.client.put(f"{API}/comment/{comment['id']}/properties/p", json={"n": 1}).status_code == 201


def test_comment_list_queries_are_constant(server: Any, admin: httpx.Client, make_user: Any,
                                           issue: IssueRef) -> None:
    params = {"expand": "renderedBody,properties"}

    def read(expected: int) -> None:
        assert len(admin.get(issue.comments, params=params).json()["comments"]) == expected
        assert len(admin.get(f"{API}/issue/{issue.key}", params={"fields": "comment"}).json()
                   ["fields"]["comment"]["comments"]) == expected

    _add_comments(admin, make_user, issue, 2)
    few = least_queries(server, lambda: read(2))
    _add_comments(admin, make_user, issue, 5)
    assert least_queries(server, lambda: read(7)) == few
